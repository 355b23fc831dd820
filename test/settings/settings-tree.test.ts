import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { groupSchemaOf } from '../../main/settings/settings-tree.ts';

describe('a group of settings', () => {
  it('is read through its object schema', () => {
    const group = z.object({ on: z.boolean() });
    expect(groupSchemaOf(group, 'tray')).toBe(group);
  });

  it.each([
    ['a default', z.object({ on: z.boolean() }).default({ on: true })],
    ['a pipe', z.object({ on: z.boolean() }).transform((value) => value)],
    ['no object at all', z.boolean()],
  ])('stops with its path when its schema is wrapped in %s', (_name, schema) => {
    expect(() => groupSchemaOf(schema, 'tray')).toThrow('The settings group "tray"');
  });
});

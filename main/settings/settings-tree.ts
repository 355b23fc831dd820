/**
 * How settings nest. A setting whose default is a plain object is a group of settings (poll,
 * alerts, alerts.enabled); anything else is one value, checked by its own schema. The defaults
 * say which is which, not zod's classes: reading the file (read-settings.ts) and changing the
 * settings (settings-patch.ts) walk the same tree, so they cannot disagree about its shape.
 */
import { z } from 'zod';

export type SettingsRecord = Record<string, unknown>;

export function isRecord(value: unknown): value is SettingsRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The dotted path users and notices see, e.g. `alerts.enabled.door-open`. */
export function pathOf(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}

/**
 * The object schema of a group, whose shape gives each of its settings its own schema. A group
 * whose schema is not a plain zod object (a wrapper added around it, or a zod upgrade that wraps
 * refinements again) stops the app at start-up instead of being read as one value unnoticed.
 */
export function groupSchemaOf(schema: z.core.$ZodType, path: string): z.ZodObject {
  if (schema instanceof z.ZodObject) return schema;
  throw new TypeError(`The settings group "${path}" must be a zod object schema.`);
}

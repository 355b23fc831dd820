/**
 * The wrapper around every Tedee cloud response (tedee-api.md §3). Failures omit `result`,
 * like the one failing envelope the documentation shows (the 304 of the PIN list).
 */

export interface SuccessEnvelope<Result> {
  result: Result;
  success: true;
  errorMessages: string[];
  statusCode: number;
}

export interface ErrorEnvelope {
  success: false;
  errorMessages: string[];
  statusCode: number;
}

export function successEnvelope<Result>(result: Result, statusCode = 200): SuccessEnvelope<Result> {
  return { result, success: true, errorMessages: [], statusCode };
}

export function errorEnvelope(statusCode: number, message: string): ErrorEnvelope {
  return { success: false, errorMessages: [message], statusCode };
}

/** Tedee's wording where a fixture shows it (error-401.json, error-429.json), plain HTTP otherwise. */
export const ERROR_MESSAGES = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  429: 'Too many requests',
} as const;

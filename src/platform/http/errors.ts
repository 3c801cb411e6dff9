/** Every error code the platform and modules raise; modules extend this union by adding codes here. */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'CSRF_INVALID'
  | 'PAYLOAD_TOO_LARGE'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'RATE_LIMITED'
  | 'UNAVAILABLE'
  | 'INTERNAL';

export interface FieldError {
  /** Dotted path of the field, e.g. `applicant.birthDate`; matches the form input's name. */
  field: string;
  /** Message key in the validation catalog, e.g. `required`. */
  code: string;
  params?: Record<string, string | number>;
  /**
   * The text already in the request's language, for a module's own code the validation catalog
   * does not know (problem+json sends it instead of the catalog's generic text). Codes stay the contract.
   */
  message?: string;
}

/** The one error type. Only `statusOf` decides the HTTP status; 5xx never show details. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message?: string,
    public readonly details: { fields?: FieldError[]; [key: string]: unknown } = {},
  ) {
    super(message ?? code);
    this.name = 'AppError';
  }
}

export function statusOf(code: ErrorCode): number {
  switch (code) {
    case 'VALIDATION_FAILED':
      return 422;
    case 'BAD_REQUEST':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'FORBIDDEN':
    case 'CSRF_INVALID':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'CONFLICT':
      return 409;
    case 'PAYLOAD_TOO_LARGE':
      return 413;
    case 'UNSUPPORTED_MEDIA_TYPE':
      return 415;
    case 'RATE_LIMITED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    case 'INTERNAL':
      return 500;
    default: {
      const exhaustive: never = code;
      return exhaustive;
    }
  }
}

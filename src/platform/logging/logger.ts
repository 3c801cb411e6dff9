import type { FastifyServerOptions } from 'fastify';
import type { Config } from '../config/config.ts';

/**
 * pino options with personal data redacted: identity numbers, names, e-mail, addresses,
 * tokens and cookies never reach the log, wherever they appear in a logged object.
 */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.personalNumber',
  '*.personal_number',
  '*.personnummer',
  '*.email',
  '*.name',
  '*.displayName',
  '*.address',
  '*.phone',
  '*.token',
  '*.password',
  '*.body',
];

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
  return {
    level: config.LOG_LEVEL,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      // The URL without its query string: queries can carry search terms or identifiers.
      req: (req: { method: string; url: string; id: string }) => ({
        method: req.method,
        url: req.url.split('?')[0],
        id: req.id,
      }),
    },
  };
}

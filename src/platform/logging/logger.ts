import type { FastifyServerOptions } from 'fastify';
import pino from 'pino';
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

/** The level, redaction and serialisers every logger of the process shares (HTTP and jobs). */
export function pinoOptions(config: Pick<Config, 'LOG_LEVEL'>): pino.LoggerOptions {
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

let destination: pino.DestinationStream | undefined;

/**
 * The process's log destination: standard output, written asynchronously, so a burst of
 * requests costs a few system calls instead of one per line (issue 14: request logging cost
 * 15–25 % of a page). pino flushes it when the process exits.
 */
export function logDestination(): pino.DestinationStream {
  return (destination ??= pino.destination({ dest: 1, sync: false }));
}

/** Fastify's logger: the shared options, to `stream` (default: the process's destination). */
export function loggerOptions(
  config: Pick<Config, 'LOG_LEVEL'>,
  stream: pino.DestinationStream = logDestination(),
): FastifyServerOptions['logger'] {
  return { ...pinoOptions(config), stream } as FastifyServerOptions['logger'];
}

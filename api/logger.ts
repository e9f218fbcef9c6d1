import { type DestinationStream, type LevelWithSilent, type Logger, pino } from 'pino';

/**
 * The service logger. Request logging never passes headers or bodies; the redaction below is a second
 * line of defence should an object with them be logged by mistake.
 */
export function createLogger(level: LevelWithSilent, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'matscout' },
    redact: {
      paths: [
        'authorization',
        '*.authorization',
        'headers.authorization',
        '*.headers.authorization',
        'apiKey',
        '*.apiKey',
        'password',
        '*.password',
      ],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

export { loadConfig, testConfig, ConfigError, type Config, type Role } from './config.ts';
export { AppError, Errors, appError, isAppError, type ErrorDef } from './errors.ts';
export { createLogger, urlForLog } from './logger.ts';
export { openDatabase, type Database } from './db/database.ts';
export { migrateToLatest, MigrationError, type MigrationSet } from './db/migrate.ts';
export { acquireDataDirLock, readLock, DataDirLockedError, type LockInfo } from './db/data-dir-lock.ts';
export { startQueue, type Queue, type JobDefinition } from './queue/queue.ts';
export type { LoopDefinition } from './queue/loop.ts';
export { createMailer, SEND_MAIL_JOB, type Mailer, type MailMessage } from './mail/mailer.ts';
export { createHttp, type Http, type ReadinessCheck } from './http/create-http.ts';
export { useApiSecurityHeaders } from './http/security-headers.ts';
export {
  startRuntime,
  stopRuntime,
  migrationSets,
  type Runtime,
  type HireloopModule,
  type HomeLink,
} from './runtime.ts';

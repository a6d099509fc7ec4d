import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';

/** Recording settings, stored as given (WebRTC inputs are not recorded). */
export interface RecordingSettings {
  mode: 'off' | 'automatic';
  timeoutSeconds: number;
  requireSignedURLs: boolean;
  allowedOrigins: string[] | null;
  hideLiveViewerCount: boolean;
}

export type LiveInputStatus =
  | 'connected'
  | 'reconnected'
  | 'reconnecting'
  | 'client_disconnect'
  | 'ttl_exceeded'
  | 'failed_to_connect'
  | 'failed_to_reconnect'
  | 'new_configuration_accepted';

export interface LiveInputRecord {
  uid: string;
  accountId: string;
  /** The publish credential: only ever in the creator's WHIP URL. */
  secret: string;
  created: string;
  modified: string;
  meta: Record<string, unknown>;
  enabled: boolean;
  defaultCreator: string | null;
  deleteRecordingAfterDays: number | null;
  recording: RecordingSettings;
  status: LiveInputStatus | null;
}

export type LiveInputSettings = Pick<LiveInputRecord, 'meta' | 'enabled' | 'defaultCreator' | 'deleteRecordingAfterDays' | 'recording'>;

export const DEFAULT_RECORDING: RecordingSettings = {
  mode: 'off',
  timeoutSeconds: 0,
  requireSignedURLs: false,
  allowedOrigins: null,
  hideLiveViewerCount: false,
};

interface Row {
  uid: string;
  account_id: string;
  secret: string;
  created: string;
  modified: string;
  meta: string;
  enabled: number;
  default_creator: string | null;
  delete_recording_after_days: number | null;
  recording: string;
  status: string | null;
}

/** 128 bits from the OS CSPRNG, hex: the length of a Cloudflare uid. */
export const randomId = () => randomBytes(16).toString('hex');

/** Live inputs in SQLite: a file survives restarts, `:memory:` is for tests. */
export class LiveInputStore {
  private readonly db: Database.Database;

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS live_inputs (
      uid TEXT PRIMARY KEY,
      account_id TEXT NOT NULL,
      secret TEXT NOT NULL UNIQUE,
      created TEXT NOT NULL,
      modified TEXT NOT NULL,
      meta TEXT NOT NULL,
      enabled INTEGER NOT NULL,
      default_creator TEXT,
      delete_recording_after_days INTEGER,
      recording TEXT NOT NULL,
      status TEXT
    )`);
    // Sessions do not survive a restart: nobody is connected to a server that just started.
    this.db.prepare(`UPDATE live_inputs SET status = 'client_disconnect' WHERE status IN ('connected', 'reconnected', 'reconnecting')`).run();
  }

  create(accountId: string, settings: LiveInputSettings): LiveInputRecord {
    const now = new Date().toISOString();
    const record: LiveInputRecord = { uid: randomId(), accountId, secret: randomId(), created: now, modified: now, status: null, ...settings };
    this.db
      .prepare(
        `INSERT INTO live_inputs VALUES (@uid, @account_id, @secret, @created, @modified, @meta, @enabled, @default_creator, @delete_recording_after_days, @recording, @status)`,
      )
      .run(toRow(record));
    return record;
  }

  get(accountId: string, uid: string): LiveInputRecord | null {
    const row = this.db.prepare(`SELECT * FROM live_inputs WHERE uid = ? AND account_id = ?`).get(uid, accountId) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  /** Any account: the media endpoints know only the uid. */
  byUid(uid: string): LiveInputRecord | null {
    const row = this.db.prepare(`SELECT * FROM live_inputs WHERE uid = ?`).get(uid) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  bySecret(secret: string): LiveInputRecord | null {
    const row = this.db.prepare(`SELECT * FROM live_inputs WHERE secret = ?`).get(secret) as Row | undefined;
    return row ? fromRow(row) : null;
  }

  list(accountId: string): LiveInputRecord[] {
    const rows = this.db.prepare(`SELECT * FROM live_inputs WHERE account_id = ? ORDER BY created, rowid`).all(accountId) as Row[];
    return rows.map(fromRow);
  }

  update(accountId: string, uid: string, settings: LiveInputSettings): LiveInputRecord | null {
    const current = this.get(accountId, uid);
    if (!current) return null;
    const next: LiveInputRecord = { ...current, ...settings, modified: new Date().toISOString() };
    this.save(next);
    return next;
  }

  rotateSecret(accountId: string, uid: string): LiveInputRecord | null {
    const current = this.get(accountId, uid);
    if (!current) return null;
    const next: LiveInputRecord = { ...current, secret: randomId(), modified: new Date().toISOString() };
    this.save(next);
    return next;
  }

  setStatus(uid: string, status: LiveInputStatus | null): void {
    this.db.prepare(`UPDATE live_inputs SET status = ? WHERE uid = ?`).run(status, uid);
  }

  delete(accountId: string, uid: string): boolean {
    return this.db.prepare(`DELETE FROM live_inputs WHERE uid = ? AND account_id = ?`).run(uid, accountId).changes > 0;
  }

  close(): void {
    this.db.close();
  }

  private save(record: LiveInputRecord): void {
    this.db
      .prepare(
        `UPDATE live_inputs SET secret = @secret, modified = @modified, meta = @meta, enabled = @enabled, default_creator = @default_creator,
         delete_recording_after_days = @delete_recording_after_days, recording = @recording, status = @status WHERE uid = @uid`,
      )
      .run(toRow(record));
  }
}

function toRow(r: LiveInputRecord): Row {
  return {
    uid: r.uid,
    account_id: r.accountId,
    secret: r.secret,
    created: r.created,
    modified: r.modified,
    meta: JSON.stringify(r.meta),
    enabled: r.enabled ? 1 : 0,
    default_creator: r.defaultCreator,
    delete_recording_after_days: r.deleteRecordingAfterDays,
    recording: JSON.stringify(r.recording),
    status: r.status,
  };
}

function fromRow(row: Row): LiveInputRecord {
  return {
    uid: row.uid,
    accountId: row.account_id,
    secret: row.secret,
    created: row.created,
    modified: row.modified,
    meta: JSON.parse(row.meta) as Record<string, unknown>,
    enabled: row.enabled === 1,
    defaultCreator: row.default_creator,
    deleteRecordingAfterDays: row.delete_recording_after_days,
    recording: JSON.parse(row.recording) as RecordingSettings,
    status: row.status as LiveInputStatus | null,
  };
}

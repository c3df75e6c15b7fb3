import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { DomainError } from '../domain-error.ts';

/**
 * Receiving a file to load: the size limit, the deadline, copying the stream to a temporary file without
 * holding it in memory, and the form's faults in words. The route hands the body (or the form's file part)
 * here; loader/service.ts loads what arrived.
 */

/** Uploads above this are refused before they are read further. */
export const UPLOAD_LIMIT_BYTES = 100 * 1024 * 1024;

/** The whole file must have arrived within this long, or the upload is refused (a stalled or trickling client). */
export const UPLOAD_TIMEOUT_MS = 120_000;

/** Form fields besides the file are ignored, up to this many (and each at most 64 KB). */
export const MAX_FORM_FIELDS = 20;

export const RAW_TYPES = [
  'text/csv',
  'text/plain',
  'application/csv',
  'application/octet-stream',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
];

/** When the whole upload must have arrived by. */
export class Deadline {
  readonly at: number;
  constructor(readonly ms: number) {
    this.at = Date.now() + ms;
  }

  left(): number {
    return Math.max(0, this.at - Date.now());
  }

  error(): DomainError {
    return new DomainError(
      'timeout',
      'upload_timeout',
      `The file did not arrive within ${Math.round(this.ms / 100) / 10} seconds; check the connection and send it again.`,
    );
  }

  /** `promise`, or the timeout error if the deadline comes first. */
  race<T>(promise: Promise<T>): Promise<T> {
    promise.catch(() => undefined); // settles unobserved if the deadline wins
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(this.error()), this.left());
    });
    return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
  }
}

export const tooLarge = () =>
  new DomainError('too_large', 'file_too_large', `The file is larger than ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB.`);

export class ClientGone extends Error {
  constructor() {
    super('The client closed the connection before the file arrived.');
  }
}

/**
 * Copies an upload to `file`, refusing it once it passes the size limit or the deadline. The source is
 * only paused, never destroyed, on a refusal, so the client still gets the answer; the answer then
 * closes the connection.
 */
export function saveUpload(source: Readable, file: string, deadline: Deadline): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file);
    let bytes = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      source.off('data', onData);
      source.off('end', onEnd);
      source.off('close', onClose);
      if (error) {
        source.pause();
        out.destroy();
        reject(error);
      } else {
        out.end(() => resolve());
      }
    };
    const timer = setTimeout(() => finish(deadline.error()), deadline.left());
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > UPLOAD_LIMIT_BYTES) return finish(tooLarge());
      if (!out.write(chunk)) {
        source.pause();
        out.once('drain', () => {
          if (!settled) source.resume();
        });
      }
    };
    const onEnd = () => finish();
    const onClose = () => finish(new ClientGone());
    // Kept after settling too: a late error (the client resetting) must not go unhandled.
    source.on('error', (error: Error) => finish(error));
    out.on('error', (error: Error) => finish(error));
    source.on('data', onData);
    source.once('end', onEnd);
    source.once('close', onClose);
  });
}

/** @fastify/multipart's own limit errors, in words. */
export function formError(error: unknown): DomainError | null {
  switch ((error as { code?: string } | null)?.code) {
    case 'FST_FILES_LIMIT':
      return new DomainError('invalid', 'one_file_only', 'The form has more than one file; send one file per load.');
    case 'FST_FIELDS_LIMIT':
    case 'FST_PARTS_LIMIT':
      return new DomainError(
        'invalid',
        'too_many_fields',
        `The form has more than ${MAX_FORM_FIELDS} fields besides the file; send the file alone.`,
      );
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge();
  }
  // The form itself is broken (no boundary, a part cut short): the busboy parser says so in words.
  const message = error instanceof Error ? error.message : '';
  if (/^(Multipart: |Part terminated|Unexpected end of form|Malformed part header)/i.test(message)) {
    return new DomainError(
      'invalid',
      'malformed_form',
      `The multipart form could not be read (${message.slice(0, 100)}); send the file again, or as the request body.`,
    );
  }
  return null;
}

export function safeName(name: string | undefined): string {
  const base = path
    .basename(name ?? '')
    .replace(/[^\w.\- ()]/g, '_')
    .slice(0, 200);
  return base === '' ? 'upload' : base;
}

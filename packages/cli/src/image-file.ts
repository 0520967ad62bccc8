import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from './errors.js';

const TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
};

/** A local image for upload. The server decides the type by the bytes; the extension only labels them. */
export async function readImageFile(file: string): Promise<{ bytes: Uint8Array; type: string }> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(
      `cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : (code ?? 'unreadable')}`,
    );
  }
  return { bytes, type: TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

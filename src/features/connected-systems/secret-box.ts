import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Connected systems' secrets at rest: AES-256-GCM under a key kept apart from the database
 * (SECRETS_KEY, or a key file beside it), so that a copy of the database (a backup, a dump handed to
 * support) gives away no target's password. Each sealed value is bound to its `context` (its row,
 * and where the secrets go): moved to another row, or with the row pointed at another server by a
 * write to the database, it does not open. A value written before secrets were sealed (plain JSON)
 * is read as it is, and sealed when next written.
 */
export type SecretBox = {
  seal(plaintext: string, context: string): string;
  open(stored: string, context: string): string;
  isSealed(stored: string): boolean;
};

const prefix = 'aes256gcm:v1:';
const unreadable = () => new Error('The stored secrets of a connected system do not open with this secrets key (sealed under another SECRETS_KEY, for another endpoint, or altered); set the key they were sealed with, or enter the secrets again.');

export function secretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('The secrets key must be 32 bytes.');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: 16 });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return `${prefix}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${sealed.toString('base64')}`;
    },
    open(stored, context) {
      if (!stored.startsWith(prefix)) return stored;
      const parts = stored.slice(prefix.length).split(':').map((part) => Buffer.from(part, 'base64'));
      const [iv, tag, sealed] = parts;
      // The whole 16-byte tag, always: a shortened one would make a forgery far cheaper.
      if (parts.length !== 3 || iv!.length !== 12 || tag!.length !== 16) throw unreadable();
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv!, { authTagLength: 16 });
        decipher.setAAD(Buffer.from(context, 'utf8'));
        decipher.setAuthTag(tag!);
        return Buffer.concat([decipher.update(sealed!), decipher.final()]).toString('utf8');
      } catch {
        throw unreadable();
      }
    },
    isSealed: (stored) => stored.startsWith(prefix),
  };
}

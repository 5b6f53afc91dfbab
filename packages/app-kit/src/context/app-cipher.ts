// The cipher an app seals credentials at rest with (tokens, API keys, signature tokens): the key from the
// app's configuration (`<APP>_ENCRYPTION_KEY`), else a generated 32-byte key kept in `platform.app_secret`
// under `secretName` so every process of the installation agrees. Made once, on first use.
import type { Runtime } from '@hireloop/platform';
import {
  createTokenCipher,
  parseEncryptionKey,
  type TokenCipher,
} from '@hireloop/platform/crypto/token-cipher';
import { getOrCreateSecret } from '@hireloop/platform/secrets';

export function lazyTokenCipher(
  runtime: Runtime,
  configuredKey: Buffer | undefined,
  secretName: string,
): () => Promise<TokenCipher> {
  let cipher: Promise<TokenCipher> | undefined;
  return () =>
    (cipher ??= (async () =>
      createTokenCipher(
        configuredKey ?? parseEncryptionKey(await getOrCreateSecret(runtime.db, secretName, 32)),
      ))());
}

import { execFileSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Every host name the simulator answers for; the one test certificate covers them all. */
export const SIMULATED_HOSTS = [
  'graph.facebook.com',
  'adsmanager.facebook.com',
  'business.facebook.com',
  'www.facebook.com',
] as const;

export interface TestCertificate {
  readonly certPem: string;
  readonly keyPem: string;
  readonly certPath: string;
  /** base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what Chromium's SPKI pin takes. */
  readonly spkiSha256: string;
}

const CERT_DIR = path.resolve(import.meta.dirname, '../.certs');

/**
 * Generated once per checkout with openssl and kept out of git: a private key in the repository
 * would be a key anyone could use. Chromium trusts it only through an SPKI pin; Firefox's lane
 * imports it into a fresh test profile.
 */
export function loadTestCertificate(dir = CERT_DIR): TestCertificate {
  const certPath = path.join(dir, 'sim-cert.pem');
  const keyPath = path.join(dir, 'sim-key.pem');
  // A checkout from before Firefox's lane holds a CA certificate, which Firefox refuses to a server.
  if (!existsSync(certPath) || !existsSync(keyPath) || isCa(certPath)) {
    generate(dir, certPath, keyPath);
  }
  const certPem = readFileSync(certPath, 'utf8');
  return {
    certPem,
    keyPem: readFileSync(keyPath, 'utf8'),
    certPath,
    spkiSha256: spkiHash(certPem),
  };
}

function generate(dir: string, certPath: string, keyPath: string): void {
  mkdirSync(dir, { recursive: true });
  const altNames = SIMULATED_HOSTS.map((host) => `DNS:${host}`).join(',');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '3650',
      '-sha256',
      '-subj',
      '/CN=Adlens simulator',
      '-addext',
      `subjectAltName=${altNames}`,
      // A server certificate, not a CA: Firefox refuses a CA certificate used as the end entity
      // (MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY) however it is trusted.
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      '-keyout',
      keyPath,
      '-out',
      certPath,
    ],
    { stdio: 'ignore' },
  );
}

function isCa(certPath: string): boolean {
  return new X509Certificate(readFileSync(certPath)).ca;
}

function spkiHash(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

import {CREDENTIALS, type CredentialDef, type CredentialKind} from '../../src/credentials/credentials.js'

// Imported first by fake-credential.test.ts: a fourth credential added to the table before any module derives from
// it, as a new Datadog credential would be added, touching no other file.
export const FAKE_SECRET = 'fakesecretvalue-0123456789-FAKE'

const fake: CredentialDef = {
  kind: 'fakeKey' as CredentialKind,
  label: 'fake key',
  title: 'Fake key',
  flag: '--fake-key',
  aliases: ['--fk'],
  setCommand: 'set-fake-key',
  clearFlag: '--fake-key',
  env: ['DD_FAKE_KEY', 'DATADOG_FAKE_KEY'],
  header: 'X-Fake-Key',
  prefix: '',
  scheme: 'fakeAuth',
}
;(CREDENTIALS as CredentialDef[]).push(fake)

import { describe, expect, it } from 'vitest';
import { OIDC_DEFAULT_NAME } from '../../sync-server/auth/oidc-config.ts';
import { readConfig } from '../../sync-server/config.ts';

const GIVEN = { OIDC_ISSUER: 'https://idp.region.example', OIDC_CLIENT_ID: 'journal-school-7', OIDC_CLIENT_SECRET: 's3cret' };

describe('OIDC_* configuration', () => {
  it('AUTH-28: none of it is no provider; all of it is one, with the default label unless OIDC_NAME says', () => {
    expect(readConfig({}).oidc).toBeNull();
    expect(readConfig(GIVEN).oidc).toEqual({
      issuer: 'https://idp.region.example',
      clientId: 'journal-school-7',
      clientSecret: 's3cret',
      name: OIDC_DEFAULT_NAME,
    });
    expect(readConfig({ ...GIVEN, OIDC_NAME: ' Войти через Госуслуги ' }).oidc?.name).toBe('Войти через Госуслуги');
  });

  it('AUTH-28: a part of it, or an issuer in clear over the network, stops the start', () => {
    expect(() => readConfig({ OIDC_ISSUER: GIVEN.OIDC_ISSUER, OIDC_CLIENT_ID: GIVEN.OIDC_CLIENT_ID })).toThrow(/given together/);
    expect(() => readConfig({ ...GIVEN, OIDC_ISSUER: 'idp.region.example' })).toThrow(/provider's address/);
    expect(() => readConfig({ ...GIVEN, OIDC_ISSUER: 'http://idp.region.example' })).toThrow(/https/);
    // A provider on this computer (a developer's, a test's) may speak plain HTTP.
    expect(readConfig({ ...GIVEN, OIDC_ISSUER: 'http://127.0.0.1:8080' }).oidc?.issuer).toBe('http://127.0.0.1:8080');
    expect(readConfig({ ...GIVEN, OIDC_ISSUER: 'http://localhost:8080/realms/school' }).oidc).not.toBeNull();
  });
});

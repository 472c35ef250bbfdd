import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidRequestError } from '../errors/invalid-request-error';
import { parseOrigin, parseWithSchema, resolveOrigin } from './settings';

function thrownBy(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('nothing was thrown');
}

describe('parseWithSchema', () => {
  const schema = z
    .object({ storeId: z.string().regex(/^\d+$/, 'must be numeric'), token: z.string() })
    .strict();

  it('returns the parsed value', () => {
    expect(
      parseWithSchema(schema, { storeId: '7', token: 't' }, { summary: 'Invalid Acme credentials' }),
    ).toStrictEqual({
      storeId: '7',
      token: 't',
    });
  });

  it('lists every issue under the prefix in the message and the issues, without the values', () => {
    const error = thrownBy(() =>
      parseWithSchema(
        schema,
        { storeId: 'secret-ish', extra: 1 },
        { summary: 'Invalid credentials', prefix: 'credentials', platform: 'acme' },
      ),
    );
    expect([error.message, error.issues, error.platform]).toStrictEqual([
      'Invalid credentials: credentials.storeId: must be numeric; credentials.token: Invalid input: expected string, received undefined; credentials: has unknown key(s): extra',
      [
        { path: 'credentials.storeId', message: 'must be numeric' },
        { path: 'credentials.token', message: 'Invalid input: expected string, received undefined' },
        { path: 'credentials', message: 'has unknown key(s): extra' },
      ],
      'acme',
    ]);
  });
});

describe('parseOrigin', () => {
  it('normalises an origin, with or without its trailing slash', () => {
    expect([parseOrigin('HTTP://Example.com:8080/'), parseOrigin('https://proxy.example')]).toStrictEqual([
      'http://example.com:8080',
      'https://proxy.example',
    ]);
  });

  it.each([
    'https://proxy.example/api',
    'https://user:pass@proxy.example',
    'https://proxy.example/?a=1',
    'https://proxy.example/#top',
    'https://proxy.example?',
    'ftp://proxy.example',
    'proxy.example',
  ])('refuses %s, naming baseUrl', (value) => {
    expect(thrownBy(() => parseOrigin(value)).issues).toStrictEqual([
      {
        path: 'baseUrl',
        message: 'must be an origin: http(s)://host[:port], without path, query or credentials',
      },
    ]);
  });
});

describe('resolveOrigin', () => {
  it('keeps the public origin without a baseUrl and replaces it with one', () => {
    expect([
      resolveOrigin(undefined, 'https://app.acme.example', 'acme'),
      resolveOrigin('http://127.0.0.1:9100/', 'https://app.acme.example', 'acme'),
    ]).toStrictEqual(['https://app.acme.example', 'http://127.0.0.1:9100']);
  });
});

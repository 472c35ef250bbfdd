import { InvalidRequestError } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import full from './__fixtures__/bling-contact-full.json' with { type: 'json' };
import { blingContactResponseSchema } from './bling-api';
import {
  assertBlingWritable,
  splitStreetAndNumber,
  toBlingCreateBody,
  toBlingUpdateBody,
} from './to-bling-customer-input';

const clienteTypeId = 14700912001;
const emptyBlock = { endereco: '', numero: '', complemento: '', bairro: '', cep: '', municipio: '', uf: '' };
const current = () => blingContactResponseSchema.parse(full).data;

function refusal(run: () => unknown): InvalidRequestError {
  try {
    run();
  } catch (error) {
    if (InvalidRequestError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('splitStreetAndNumber', () => {
  it.each([
    ['Rua Augusta, 1508', 'Rua Augusta', '1508'],
    ['Estrada Velha, S/N', 'Estrada Velha', 'S/N'],
    ['Rodovia BR-116, 128B', 'Rodovia BR-116', '128B'],
    ['Avenida Brasil, Bloco C', 'Avenida Brasil, Bloco C', ''],
    ['12 Oak St', '12 Oak St', ''],
  ])('splits %j into street %j and number %j', (address1, endereco, numero) => {
    expect(splitStreetAndNumber(address1)).toStrictEqual({ endereco, numero });
  });
});

describe('toBlingCreateBody', () => {
  it('builds the sheet’s create body: shipping address as geral, billing-only as cobranca', () => {
    const body = toBlingCreateBody(
      {
        firstName: 'Letícia',
        lastName: 'Araújo',
        email: 'leticia.araujo@example.com.br',
        phone: '(11) 98888-7777',
        addresses: [
          {
            address1: 'Rua das Flores, 45',
            city: 'Campinas',
            postalCode: '13015-001',
            state: { code: 'SP' },
            country: { code: 'BR' },
            defaultBilling: true,
            defaultShipping: false,
          },
          {
            address1: 'Avenida Paulista, 1578',
            address2: 'Conjunto 12',
            city: 'São Paulo',
            postalCode: '01310-200',
            state: { code: 'sp' },
            defaultShipping: true,
          },
        ],
      },
      clienteTypeId,
    );
    expect(body).toStrictEqual({
      nome: 'Letícia Araújo',
      tipo: 'F',
      situacao: 'A',
      email: 'leticia.araujo@example.com.br',
      celular: '(11) 98888-7777',
      endereco: {
        geral: {
          endereco: 'Avenida Paulista',
          numero: '1578',
          complemento: 'Conjunto 12',
          bairro: '',
          cep: '01310-200',
          municipio: 'São Paulo',
          uf: 'SP',
        },
        cobranca: {
          endereco: 'Rua das Flores',
          numero: '45',
          complemento: '',
          bairro: '',
          cep: '13015-001',
          municipio: 'Campinas',
          uf: 'SP',
        },
      },
      pais: { nome: '' },
      tiposContato: [{ id: clienteTypeId }],
    });
  });

  it('writes a foreign contact as tipo E, uf EX and the Portuguese country name', () => {
    const body = toBlingCreateBody(
      {
        firstName: 'Zoë',
        lastName: "O'Brien",
        addresses: [{ address1: '12 Oak St', city: 'Austin', postalCode: '78701', country: { code: 'US' } }],
      },
      clienteTypeId,
    );
    expect(body).toMatchObject({
      tipo: 'E',
      email: '',
      celular: '',
      pais: { nome: 'ESTADOS UNIDOS' },
      endereco: {
        geral: { endereco: '12 Oak St', numero: '', cep: '78701', municipio: 'Austin', uf: 'EX' },
        cobranca: emptyBlock,
      },
    });
  });

  it.each([
    [{ note: 'Prefers mornings' }, 'note'],
    [{ acceptsMarketing: false }, 'acceptsMarketing'],
    [{ tags: ['vip'] }, 'tags'],
    [{ addresses: [{ address1: 'Rua A, 1', phone: '+55 11 5555-0000' }] }, 'addresses.0.phone'],
    [{ addresses: [{ address1: 'Rua A, 1', firstName: 'Ana' }] }, 'addresses.0.firstName'],
    [{ addresses: [{ address1: 'Rua A, 1', state: { code: 'XX' } }] }, 'addresses.0.state.code'],
    [
      { addresses: [{ address1: '12 Oak St', country: { code: 'US' }, state: { code: 'TX' } }] },
      'addresses.0.state',
    ],
    [{ addresses: [{ address1: 'A' }, { address1: 'B' }] }, 'addresses'],
    [{ addresses: [{ address1: 'A' }, { address1: 'B' }, { address1: 'C' }] }, 'addresses'],
    [
      {
        addresses: [
          { address1: 'A', country: { code: 'BR' }, defaultShipping: true },
          { address1: 'B', country: { code: 'PT' }, defaultBilling: true },
        ],
      },
      'addresses',
    ],
  ])('refuses what Bling cannot store (%j → %s)', (extra, path) => {
    const error = refusal(() =>
      toBlingCreateBody({ firstName: 'Ana', lastName: 'Reyes', ...extra }, clienteTypeId),
    );
    expect(error.issues?.map((issue) => issue.path)).toContain(path);
  });

  it('accepts an empty note and empty tags, which Bling also has', () => {
    expect(() => assertBlingWritable({ note: null, tags: [] })).not.toThrow();
  });
});

describe('toBlingUpdateBody', () => {
  it('sends back the whole contact as read, with only the sent keys changed', () => {
    const body = toBlingUpdateBody(current(), { lastName: 'Reyes-Ortega' });
    expect(body).toStrictEqual({ ...current(), nome: 'Ana Reyes-Ortega' });
  });

  it('changes e-mail and mobile, keeping the landline; a null phone clears both', () => {
    expect(
      toBlingUpdateBody(current(), { email: 'ana@example.org', phone: '(11) 90000-0000' }),
    ).toMatchObject({
      email: 'ana@example.org',
      celular: '(11) 90000-0000',
      telefone: '(11) 3456-7890',
    });
    expect(toBlingUpdateBody(current(), { phone: null })).toMatchObject({ celular: '', telefone: '' });
  });

  it('replaces both address blocks when addresses are sent, and turns the contact foreign abroad', () => {
    const body = toBlingUpdateBody(current(), {
      addresses: [
        { address1: 'Rua Garrett, 120', city: 'Lisboa', postalCode: '1200-205', country: { code: 'PT' } },
      ],
    });
    expect(body).toMatchObject({
      tipo: 'E',
      pais: { nome: 'PORTUGAL' },
      endereco: {
        geral: { endereco: 'Rua Garrett', numero: '120', municipio: 'Lisboa', cep: '1200-205', uf: 'EX' },
        cobranca: emptyBlock,
      },
    });
    expect(toBlingUpdateBody(current(), { addresses: [] })).toMatchObject({
      tipo: 'F',
      endereco: { geral: emptyBlock, cobranca: emptyBlock },
    });
  });
});

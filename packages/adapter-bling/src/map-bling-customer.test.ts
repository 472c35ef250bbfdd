import { customerSchema } from '@unicart/core';
import { describe, expect, it } from 'vitest';
import foreign from './__fixtures__/bling-contact-foreign.json' with { type: 'json' };
import full from './__fixtures__/bling-contact-full.json' with { type: 'json' };
import noAddress from './__fixtures__/bling-contact-no-address.json' with { type: 'json' };
import unicode from './__fixtures__/bling-contact-unicode.json' with { type: 'json' };
import { blingContactResponseSchema } from './bling-api';
import { mapBlingCustomer } from './map-bling-customer';

const contactOf = (fixture: unknown) => blingContactResponseSchema.parse(fixture).data;

const brazil = { code: 'BR', name: 'Brazil', codeIso2: 'BR', codeIso3: 'BRA' };
const noRecipient = {
  id: null,
  firstName: null,
  lastName: null,
  phone: null,
  company: null,
  references: null,
};

describe('mapBlingCustomer', () => {
  it('maps every field of a full contact, both addresses and the split name', () => {
    expect(mapBlingCustomer(contactOf(full))).toStrictEqual({
      id: '16120034517',
      email: 'ana.reyes@example.com',
      firstName: 'Ana',
      lastName: 'Reyes',
      phone: '(11) 98765-4321',
      currency: 'BRL',
      note: null,
      acceptsMarketing: null,
      tags: [],
      ordersCount: null,
      totalSpent: null,
      status: { id: 'A', status: 'Ativo' },
      dates: { createdAt: null, updatedAt: null },
      addresses: [
        {
          ...noRecipient,
          address1: 'Rua Augusta, 1508',
          address2: 'Apto 42 - Consolação',
          city: 'São Paulo',
          postalCode: '01304-001',
          defaultBilling: false,
          defaultShipping: true,
          country: brazil,
          state: { code: 'SP', name: 'São Paulo' },
        },
        {
          ...noRecipient,
          address1: 'Rua Barão de Jaguara, 1200',
          address2: 'Sala 3 - Centro',
          city: 'Campinas',
          postalCode: '13015-002',
          defaultBilling: true,
          defaultShipping: false,
          country: brazil,
          state: { code: 'SP', name: 'São Paulo' },
        },
      ],
    });
  });

  it('maps a foreign contact: the country from pais.nome, no state for uf EX, landline as phone', () => {
    const customer = mapBlingCustomer(contactOf(foreign));
    expect(customer).toMatchObject({
      email: null,
      firstName: 'María',
      lastName: 'José Núñez',
      phone: '+34 912 345 678',
      status: { id: 'I', status: 'Inativo' },
    });
    expect(customer.addresses).toStrictEqual([
      {
        ...noRecipient,
        address1: 'Calle de Alcalá, 42',
        address2: '3º B',
        city: 'Madrid',
        postalCode: '28014',
        defaultBilling: true,
        defaultShipping: true,
        country: { code: 'ES', name: 'Spain', codeIso2: 'ES', codeIso3: 'ESP' },
        state: null,
      },
    ]);
  });

  it('gives no address when both blocks are empty, and one-word names only a first name', () => {
    expect(mapBlingCustomer(contactOf(noAddress))).toMatchObject({
      firstName: 'Cher',
      lastName: null,
      phone: null,
      status: { id: 'S', status: 'Sem movimentação' },
      addresses: [],
    });
  });

  it('keeps unicode names, S/N numbers, a lower-case uf and a billing block with only a complement', () => {
    const customer = mapBlingCustomer(contactOf(unicode));
    expect([customer.firstName, customer.lastName]).toStrictEqual(['Łukasz', 'Żółć 李']);
    expect(customer.addresses).toStrictEqual([
      {
        ...noRecipient,
        address1: 'Estrada Velha, S/N',
        address2: 'Zona Rural',
        city: 'Bento Gonçalves',
        postalCode: '95700-000',
        defaultBilling: false,
        defaultShipping: true,
        country: brazil,
        state: { code: 'RS', name: 'Rio Grande do Sul' },
      },
      {
        ...noRecipient,
        address1: null,
        address2: 'Caixa Postal 12',
        city: null,
        postalCode: null,
        defaultBilling: true,
        defaultShipping: false,
        country: brazil,
        state: null,
      },
    ]);
  });

  it('gives a null country for a name the table does not know, never a guess', () => {
    const contact = { ...contactOf(foreign), pais: { nome: 'TERRA DO NUNCA' } };
    expect(mapBlingCustomer(contact).addresses[0]?.country).toBeNull();
  });

  it.each([full, foreign, noAddress, unicode])('produces a valid canonical customer (%#)', (fixture) => {
    expect(customerSchema.safeParse(mapBlingCustomer(contactOf(fixture))).success).toBe(true);
  });
});

import { type Address, blankToNull, type Customer, splitFullName, toCountry } from '@unicart/core';
import type { BlingAddress, BlingContact, BlingContactListItem } from './bling-api';
import { abroadUf, brazilianStates, countryCodeOfBlingName } from './bling-geography';

/** Every amount in Bling is in reais: it has no currency field anywhere (sheet §11). */
export const blingCurrency = 'BRL';

const situacaoNames: Readonly<Record<string, string>> = {
  A: 'Ativo',
  I: 'Inativo',
  S: 'Sem movimentação',
  E: 'Excluído',
};

/** `nome` is the only name field: split at the first space (sheet §12), runs of white space as one. */
export function blingNameParts(nome: string | null | undefined): {
  firstName: string | null;
  lastName: string | null;
} {
  return splitFullName(nome?.replace(/\s+/g, ' '));
}

function joined(parts: readonly (string | null | undefined)[], separator: string): string | null {
  const present = parts.map((part) => part?.trim() ?? '').filter((part) => part !== '');
  return present.length === 0 ? null : present.join(separator);
}

function isEmptyAddress(address: BlingAddress | null | undefined): boolean {
  if (address === null || address === undefined) return true;
  return Object.values(address).every((value) => (value ?? '').trim() === '');
}

function stateOf(uf: string | null | undefined, brazilian: boolean) {
  const code = uf?.trim().toUpperCase() ?? '';
  if (!brazilian || code === '' || code === abroadUf) return null;
  return { code, name: brazilianStates[code] ?? null };
}

function mapAddress(
  address: BlingAddress,
  countryCode: string | null,
  roles: { defaultBilling: boolean; defaultShipping: boolean },
): Address {
  return {
    id: null,
    firstName: null,
    lastName: null,
    address1: joined([address.endereco, address.numero], ', '),
    address2: joined([address.complemento, address.bairro], ' - '),
    city: blankToNull(address.municipio),
    postalCode: blankToNull(address.cep),
    phone: null,
    company: null,
    references: null,
    defaultBilling: roles.defaultBilling,
    defaultShipping: roles.defaultShipping,
    country: toCountry(countryCode),
    state: stateOf(address.uf, countryCode === 'BR'),
  };
}

/** `endereco.geral` ships (and bills when `cobranca` is empty); `endereco.cobranca` bills (sheet §12). */
function mapAddresses(contact: BlingContact): Address[] {
  const general = contact.endereco?.geral;
  const billing = contact.endereco?.cobranca;
  const countryCode = countryCodeOfBlingName(contact.pais?.nome);
  const billingEmpty = isEmptyAddress(billing);
  const addresses: Address[] = [];
  if (general && !isEmptyAddress(general)) {
    addresses.push(mapAddress(general, countryCode, { defaultShipping: true, defaultBilling: billingEmpty }));
  }
  if (billing && !billingEmpty) {
    addresses.push(mapAddress(billing, countryCode, { defaultShipping: false, defaultBilling: true }));
  }
  return addresses;
}

/** The status every customer carries: Bling's situação letter and its name. */
export function blingStatus(situacao: string | null | undefined): Customer['status'] {
  const id = blankToNull(situacao);
  return { id, status: id === null ? null : (situacaoNames[id] ?? null) };
}

/** The customer's phone: the mobile, else the landline (sheet §12); list items carry both (§3). */
export function blingPhone(contact: {
  readonly celular?: string | null | undefined;
  readonly telefone?: string | null | undefined;
}): string | null {
  return blankToNull(contact.celular) ?? blankToNull(contact.telefone);
}

/**
 * A contact (`GET /contatos/{id}`) as a canonical customer. Bling has no timestamps, note, consent,
 * tags or order statistics on contacts: those are null or empty, never invented (sheet §12).
 */
export function mapBlingCustomer(contact: BlingContact): Customer {
  return {
    id: String(contact.id),
    email: blankToNull(contact.email),
    ...blingNameParts(contact.nome),
    phone: blingPhone(contact),
    currency: blingCurrency,
    note: null,
    acceptsMarketing: null,
    tags: [],
    ordersCount: null,
    totalSpent: null,
    status: blingStatus(contact.situacao),
    dates: { createdAt: null, updatedAt: null },
    addresses: mapAddresses(contact),
  };
}

/** What a list item tells about the filters checked before reading the whole contact (`name`, `sinceId`). */
export function blingListItemNames(item: BlingContactListItem) {
  return { id: String(item.id), ...blingNameParts(item.nome) };
}

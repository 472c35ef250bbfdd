import {
  type AddressInput,
  type CustomerCreateInput,
  type CustomerUpdateInput,
  type InputIssue,
  InvalidRequestError,
  joinFullName,
} from '@unicart/core';
import type { BlingAddress, BlingContact } from './bling-api';
import { abroadUf, blingNameOfCountry, brazilianStates, countryCodeOfBlingName } from './bling-geography';
import { blingNameParts } from './map-bling-customer';

/** The address blocks of a contact body; an unused block is all `""` (sheet §4.1). */
interface BlingAddressBlocks {
  readonly endereco: { readonly geral: BlingAddress; readonly cobranca: BlingAddress };
  readonly pais: { readonly nome: string };
  /** `E` for a foreign contact, else `null` (the contact keeps or takes `F`). */
  readonly foreign: boolean;
}

/** A contact body for `POST /contatos` (sheet §5.1). */
export interface BlingContactCreateBody {
  readonly nome: string;
  readonly tipo: 'F' | 'E';
  readonly situacao: 'A';
  readonly email: string;
  readonly celular: string;
  readonly endereco: BlingAddressBlocks['endereco'];
  readonly pais: BlingAddressBlocks['pais'];
  readonly tiposContato: readonly { readonly id: number }[];
}

const emptyAddress = (): BlingAddress => ({
  endereco: '',
  numero: '',
  complemento: '',
  bairro: '',
  cep: '',
  municipio: '',
  uf: '',
});

// Bling addresses carry no recipient, phone, company or instructions (sheet §4.1): refused, not dropped.
const unstorableAddressFields = ['firstName', 'lastName', 'phone', 'company', 'references'] as const;

function refuse(issues: readonly InputIssue[]): InvalidRequestError {
  const detail = issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
  return new InvalidRequestError(`Bling cannot store this customer: ${detail}`, {
    platform: 'bling',
    issues,
  });
}

/** `"Rua Augusta, 1508"` → street and number when what follows the last comma is a house number (sheet §12). */
export function splitStreetAndNumber(address1: string): { endereco: string; numero: string } {
  const comma = address1.lastIndexOf(',');
  const rest = comma === -1 ? '' : address1.slice(comma + 1).trim();
  if (comma !== -1 && (/^\d/.test(rest) || /^s\/n$/i.test(rest))) {
    return { endereco: address1.slice(0, comma).trim(), numero: rest };
  }
  return { endereco: address1.trim(), numero: '' };
}

function countryOf(address: AddressInput): string {
  return address.country?.code ?? 'BR';
}

function toBlingAddress(address: AddressInput, path: string, issues: InputIssue[]): BlingAddress {
  for (const field of unstorableAddressFields) {
    if ((address[field] ?? '').trim() !== '') {
      issues.push({ path: `${path}.${field}`, message: 'Bling addresses have no such field' });
    }
  }
  const brazilian = countryOf(address) === 'BR';
  const state = address.state?.code?.trim().toUpperCase() ?? '';
  if (brazilian && state !== '' && brazilianStates[state] === undefined) {
    issues.push({ path: `${path}.state.code`, message: 'must be a Brazilian UF (SP, RJ, …)' });
  }
  if (!brazilian && state !== '') {
    issues.push({ path: `${path}.state`, message: 'Bling stores no state for an address abroad' });
  }
  return {
    ...splitStreetAndNumber(address.address1 ?? ''),
    complemento: address.address2 ?? '',
    bairro: '',
    cep: address.postalCode ?? '',
    municipio: address.city ?? '',
    uf: brazilian ? state : abroadUf,
  };
}

/**
 * At most two addresses: the billing-only one is `cobranca`, the other `geral`; one country per
 * contact (sheet §12). Anything else cannot be stored and is refused.
 */
function toAddressBlocks(addresses: readonly AddressInput[], issues: InputIssue[]): BlingAddressBlocks {
  const billingOnly = (address: AddressInput) =>
    address.defaultBilling === true && address.defaultShipping !== true;
  let generalIndex = 0;
  let billingIndex: number | null = null;
  if (addresses.length > 2) {
    issues.push({ path: 'addresses', message: 'Bling stores at most two addresses (general and billing)' });
  } else if (addresses.length === 2) {
    billingIndex = addresses.findIndex(billingOnly);
    if (billingIndex === -1 || billingOnly(addresses[1 - billingIndex] as AddressInput)) {
      issues.push({
        path: 'addresses',
        message: 'two addresses need exactly one with defaultBilling true and defaultShipping false',
      });
      billingIndex = null;
    }
    generalIndex = billingIndex === 0 ? 1 : 0;
  }
  const countries = new Set(addresses.map(countryOf));
  if (countries.size > 1) {
    issues.push({ path: 'addresses', message: 'Bling stores one country per contact' });
  }
  const [country = 'BR'] = countries;
  const countryName = country === 'BR' ? '' : blingNameOfCountry(country);
  if (countryName === null) {
    issues.push({ path: 'addresses', message: `Bling has no name for the country ${country}` });
  }
  const general = addresses[generalIndex];
  const billing = billingIndex === null ? undefined : addresses[billingIndex];
  return {
    endereco: {
      geral:
        general === undefined ? emptyAddress() : toBlingAddress(general, `addresses.${generalIndex}`, issues),
      cobranca:
        billing === undefined ? emptyAddress() : toBlingAddress(billing, `addresses.${billingIndex}`, issues),
    },
    pais: { nome: countryName ?? '' },
    foreign: country !== 'BR',
  };
}

/** Fields with no home in a Bling contact (sheet §12): refused rather than dropped. */
function refuseUnstorable(input: CustomerUpdateInput, issues: InputIssue[]): void {
  if ((input.note ?? '').trim() !== '') issues.push({ path: 'note', message: 'Bling contacts have no note' });
  if (input.acceptsMarketing !== undefined) {
    issues.push({ path: 'acceptsMarketing', message: 'Bling contacts have no marketing consent' });
  }
  if ((input.tags ?? []).length > 0) issues.push({ path: 'tags', message: 'Bling contacts have no tags' });
}

/** Canonical create input → `POST /contatos` body, refusing what Bling cannot store before any request. */
export function toBlingCreateBody(
  input: CustomerCreateInput,
  customerTypeId: number,
): BlingContactCreateBody {
  const issues: InputIssue[] = [];
  refuseUnstorable(input, issues);
  const blocks = toAddressBlocks(input.addresses ?? [], issues);
  if (issues.length > 0) throw refuse(issues);
  return {
    nome: joinFullName(input.firstName, input.lastName) ?? '',
    tipo: blocks.foreign ? 'E' : 'F',
    situacao: 'A',
    email: input.email ?? '',
    celular: input.phone ?? '',
    endereco: blocks.endereco,
    pais: blocks.pais,
    tiposContato: [{ id: customerTypeId }],
  };
}

/** Refuses, before any request, what Bling cannot store (create and update alike). */
export function assertBlingWritable(input: CustomerUpdateInput): void {
  const issues: InputIssue[] = [];
  refuseUnstorable(input, issues);
  if (input.addresses !== undefined) toAddressBlocks(input.addresses, issues);
  if (issues.length > 0) throw refuse(issues);
}

/**
 * The `PUT /contatos/{id}` body: the contact as read with only the sent keys changed, because PUT
 * clears every field it is not given (sheet §5.2). A `null` phone clears both phones.
 */
export function toBlingUpdateBody(current: BlingContact, input: CustomerUpdateInput): BlingContact {
  assertBlingWritable(input);
  const name = blingNameParts(current.nome);
  const nome =
    input.firstName === undefined && input.lastName === undefined
      ? current.nome
      : joinFullName(input.firstName ?? name.firstName, input.lastName ?? name.lastName);
  const phone =
    input.phone === undefined
      ? {}
      : input.phone === null
        ? { celular: '', telefone: '' }
        : { celular: input.phone };
  let addressFields = {};
  if (input.addresses !== undefined) {
    const blocks = toAddressBlocks(input.addresses, []);
    const currentlyForeign = countryCodeOfBlingName(current.pais?.nome) !== 'BR' || current.tipo === 'E';
    const tipo = blocks.foreign ? 'E' : currentlyForeign ? 'F' : current.tipo;
    addressFields = { endereco: blocks.endereco, pais: blocks.pais, tipo };
  }
  return {
    ...current,
    nome,
    ...(input.email === undefined ? {} : { email: input.email ?? '' }),
    ...phone,
    ...addressFields,
  };
}

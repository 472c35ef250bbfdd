import type { NativeCustomerFacts } from '@unicart/core/testing';
import type { BlingContactRecord } from './bling-types';

/**
 * What a stored Bling contact says about the customer, read from the sheet (§12: `nome` trimmed,
 * white-space runs as one, split at the first space; `celular`, else `telefone`; no dates, Bling
 * never returns them) and never through an adapter's mapper: the oracle of the conformance kit and
 * the end-to-end suite.
 */
export function blingCustomerFacts(contact: BlingContactRecord): NativeCustomerFacts {
  const nome = contact.nome.trim().replace(/\s+/g, ' ');
  const space = nome.indexOf(' ');
  return {
    id: String(contact.id),
    email: contact.email === '' ? null : contact.email,
    firstName: nome === '' ? null : space === -1 ? nome : nome.slice(0, space),
    lastName: space === -1 ? null : nome.slice(space + 1),
    phone: contact.celular || contact.telefone || null,
    createdAt: null,
    updatedAt: null,
    // No consent, tags or order statistics on contacts (§12).
    acceptsMarketing: null,
    ordersCount: null,
    totalSpent: null,
    tags: [],
  };
}

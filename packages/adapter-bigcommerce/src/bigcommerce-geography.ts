import type { CallOptions, HttpClient } from '@unicart/core';
import { bigcommerceCountryListSchema, bigcommerceStateListSchema } from './bigcommerce-api';

/** A country's state list as BigCommerce keeps it: names and abbreviations, both keyed lower case. */
export interface BigCommerceStates {
  /** Lower-case name → abbreviation. */
  readonly codeByName: ReadonlyMap<string, string>;
  /** Lower-case abbreviation → name. */
  readonly nameByCode: ReadonlyMap<string, string>;
}

/** BigCommerce's own geography (`/v2/countries`, `/v2/countries/{id}/states`), read once per country. */
export interface BigCommerceGeography {
  /** The country's state list, or `null` when BigCommerce keeps none for it (any text is a state there). */
  states(countryCode: string, options: CallOptions): Promise<BigCommerceStates | null>;
}

const statesPerPage = 250;

/**
 * Addresses carry state names and take only names (sheet §5); the codes come from BigCommerce's
 * geography. Each country costs two requests the first time, then nothing: the lists are cached
 * for the adapter's life (a failed read is forgotten, so the next call tries again).
 */
export function createBigCommerceGeography(http: HttpClient): BigCommerceGeography {
  const cache = new Map<string, Promise<BigCommerceStates | null>>();

  async function load(countryCode: string, { signal }: CallOptions): Promise<BigCommerceStates | null> {
    const { data: countries } = await http.get('/v2/countries', {
      query: { country_iso2: countryCode },
      schema: bigcommerceCountryListSchema,
      signal,
    });
    const country = countries[0];
    if (country === undefined) return null;
    const codeByName = new Map<string, string>();
    const nameByCode = new Map<string, string>();
    for (let page = 1; ; page += 1) {
      const { data: states } = await http.get(`/v2/countries/${country.id}/states`, {
        query: { page, limit: statesPerPage },
        schema: bigcommerceStateListSchema,
        signal,
      });
      for (const { state, state_abbreviation: code } of states) {
        if (!code) continue;
        codeByName.set(state.toLowerCase(), code);
        nameByCode.set(code.toLowerCase(), state);
      }
      if (states.length < statesPerPage) break;
    }
    return nameByCode.size === 0 ? null : { codeByName, nameByCode };
  }

  return {
    states(countryCode, options) {
      const key = countryCode.toUpperCase();
      let states = cache.get(key);
      if (states === undefined) {
        states = load(key, options);
        cache.set(key, states);
        states.catch(() => cache.delete(key));
      }
      return states;
    },
  };
}

import countries from 'i18n-iso-countries';
import portuguese from 'i18n-iso-countries/langs/pt.json' with { type: 'json' };

countries.registerLocale(portuguese);

/** The 27 UFs and their names (sheet §10); `EX` means abroad and is no state. */
export const brazilianStates: Readonly<Record<string, string>> = {
  AC: 'Acre',
  AL: 'Alagoas',
  AP: 'Amapá',
  AM: 'Amazonas',
  BA: 'Bahia',
  CE: 'Ceará',
  DF: 'Distrito Federal',
  ES: 'Espírito Santo',
  GO: 'Goiás',
  MA: 'Maranhão',
  MT: 'Mato Grosso',
  MS: 'Mato Grosso do Sul',
  MG: 'Minas Gerais',
  PA: 'Pará',
  PB: 'Paraíba',
  PR: 'Paraná',
  PE: 'Pernambuco',
  PI: 'Piauí',
  RJ: 'Rio de Janeiro',
  RN: 'Rio Grande do Norte',
  RS: 'Rio Grande do Sul',
  RO: 'Rondônia',
  RR: 'Roraima',
  SC: 'Santa Catarina',
  SP: 'São Paulo',
  SE: 'Sergipe',
  TO: 'Tocantins',
};

/** `uf` of a foreign address. */
export const abroadUf = 'EX';

/** Bling's (NF-e) Brazilian-Portuguese spellings where they differ from the country table's (sheet §10). */
const blingSpellings: Readonly<Record<string, string>> = {
  PL: 'POLÔNIA',
  NL: 'PAÍSES BAIXOS',
  US: 'ESTADOS UNIDOS',
};

/** Names Bling also uses besides the table's. */
const aliases: Readonly<Record<string, string>> = { HOLANDA: 'NL' };

/** Upper case without accents or extra spaces: `MÉXICO` and `Mexico ` compare equal (sheet §10). */
export function foldCountryName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toUpperCase();
}

const codeByFoldedName: ReadonlyMap<string, string> = (() => {
  const map = new Map<string, string>(Object.entries(aliases));
  for (const [code, names] of Object.entries(countries.getNames('pt', { select: 'all' }))) {
    for (const name of names) map.set(foldCountryName(name), code);
  }
  for (const [code, name] of Object.entries(blingSpellings)) map.set(foldCountryName(name), code);
  return map;
})();

/**
 * ISO alpha-2 code of a contact's `pais.nome`; empty means Brazil (sheet §10); an unknown name gives
 * `null`, never a guess.
 */
export function countryCodeOfBlingName(name: string | null | undefined): string | null {
  const folded = foldCountryName(name ?? '');
  if (folded === '') return 'BR';
  return codeByFoldedName.get(folded) ?? null;
}

/** The Portuguese upper-case name Bling expects in `pais.nome` for an ISO code, or `null` when unknown. */
export function blingNameOfCountry(code: string): string | null {
  const name = blingSpellings[code] ?? countries.getName(code, 'pt');
  return name === undefined ? null : name.toUpperCase();
}

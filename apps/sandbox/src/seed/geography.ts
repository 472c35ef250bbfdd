/** A region of a country, as the seed data uses it. */
export interface SeedRegion {
  /** Subdivision code without the country prefix (`TX`, `ON`), as Ecwid, Shopify and WooCommerce mostly give it. */
  readonly code: string;
  readonly name: string;
}

/** A country the seed data places addresses in. */
export interface SeedCountry {
  /** ISO 3166-1 alpha-2. */
  readonly code: string;
  /** English short name, as the platforms store it. */
  readonly name: string;
  readonly regions: readonly SeedRegion[];
  /** Postal code shape: `#` a digit, `A` a capital letter. */
  readonly postalCodePattern: string | null;
  /** International dialling prefix. */
  readonly dialCode: string;
}

/** Countries of seeded addresses, weighted towards the US like a typical store's customers. */
export const seedCountries: readonly SeedCountry[] = [
  {
    code: 'US',
    name: 'United States',
    dialCode: '+1',
    postalCodePattern: '#####',
    regions: [
      { code: 'CA', name: 'California' },
      { code: 'TX', name: 'Texas' },
      { code: 'NY', name: 'New York' },
      { code: 'WA', name: 'Washington' },
      { code: 'IL', name: 'Illinois' },
      { code: 'FL', name: 'Florida' },
    ],
  },
  {
    code: 'CA',
    name: 'Canada',
    dialCode: '+1',
    postalCodePattern: 'A#A #A#',
    regions: [
      { code: 'ON', name: 'Ontario' },
      { code: 'QC', name: 'Quebec' },
      { code: 'BC', name: 'British Columbia' },
    ],
  },
  { code: 'GB', name: 'United Kingdom', dialCode: '+44', postalCodePattern: 'AA# #AA', regions: [] },
  { code: 'DE', name: 'Germany', dialCode: '+49', postalCodePattern: '#####', regions: [] },
  { code: 'FR', name: 'France', dialCode: '+33', postalCodePattern: '#####', regions: [] },
  {
    code: 'AU',
    name: 'Australia',
    dialCode: '+61',
    postalCodePattern: '####',
    regions: [
      { code: 'NSW', name: 'New South Wales' },
      { code: 'VIC', name: 'Victoria' },
    ],
  },
  {
    code: 'JP',
    name: 'Japan',
    dialCode: '+81',
    postalCodePattern: '###-####',
    regions: [
      { code: 'JP13', name: 'Tokyo' },
      { code: 'JP27', name: 'Osaka' },
    ],
  },
  {
    code: 'BR',
    name: 'Brazil',
    dialCode: '+55',
    postalCodePattern: '#####-###',
    regions: [
      { code: 'SP', name: 'São Paulo' },
      { code: 'RJ', name: 'Rio de Janeiro' },
    ],
  },
  {
    code: 'GE',
    name: 'Georgia',
    dialCode: '+995',
    postalCodePattern: '####',
    regions: [{ code: 'TB', name: 'Tbilisi' }],
  },
  { code: 'IE', name: 'Ireland', dialCode: '+353', postalCodePattern: null, regions: [] },
];

const byCode = new Map(seedCountries.map((country) => [country.code, country]));

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** English short name of an ISO 3166-1 alpha-2 code (any country), `null` for `ZZ` or a malformed code. */
export function countryName(code: string | null): string | null {
  if (code === null || !/^[A-Za-z]{2}$/.test(code) || code.toUpperCase() === 'ZZ') return null;
  const name = regionNames.of(code.toUpperCase());
  return name === undefined || name === code.toUpperCase() ? null : name;
}

/** The name of a region of a seeded country, or `null` when the table does not know it. */
export function regionName(countryCode: string, regionCode: string): string | null {
  return (
    byCode.get(countryCode.toUpperCase())?.regions.find((region) => region.code === regionCode)?.name ?? null
  );
}

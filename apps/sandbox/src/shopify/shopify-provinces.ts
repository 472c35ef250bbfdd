/**
 * Province codes Shopify accepts for the countries whose every subdivision the simulator knows
 * (sheet §5: an invalid `countryCode` + `provinceCode` combination is a user error). Other countries'
 * codes are taken as given.
 */
const provincesByCountry: Readonly<Record<string, ReadonlySet<string>>> = {
  US: new Set(
    (
      'AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND ' +
      'OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM AA AE AP'
    ).split(' '),
  ),
  CA: new Set('AB BC MB NB NL NT NS NU ON PE QC SK YT'.split(' ')),
};

/** Whether Shopify takes this province code for this country. */
export function isKnownProvince(countryCode: string | null, provinceCode: string | null): boolean {
  if (provinceCode === null || countryCode === null) return true;
  return provincesByCountry[countryCode]?.has(provinceCode) ?? true;
}

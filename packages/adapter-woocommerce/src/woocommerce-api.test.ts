import { describe, expect, it } from 'vitest';
import { parseWooCommerceBody, woocommerceCustomerResponseSchema } from './woocommerce-api';

describe('parseWooCommerceBody', () => {
  it('reads JSON preceded by a PHP notice in HTML form', () => {
    const body =
      '<br />\n<b>Deprecated</b>:  Creation of dynamic property is deprecated in <b>/var/www/wp-content/plugins/legacy/legacy.php</b> on line <b>88</b><br />\n{"id":25}';
    expect(parseWooCommerceBody(body)).toStrictEqual({ id: 25 });
  });

  it('reads JSON preceded by several PHP warnings in text form', () => {
    const body =
      'PHP Warning:  Undefined array key "x" in /var/www/a.php on line 3\nNotice: Undefined variable $y in /var/www/b.php on line 9\n[{"id":1}]';
    expect(parseWooCommerceBody(body)).toStrictEqual([{ id: 1 }]);
  });

  it('leaves an HTML page unchanged', () => {
    const page = '<!DOCTYPE html><html><body>Maintenance</body></html>';
    expect(parseWooCommerceBody(page)).toBe(page);
  });

  it('leaves notices followed by truncated JSON unchanged', () => {
    const body = 'Notice: Undefined index: a in /var/www/a.php on line 1\n{"id":';
    expect(parseWooCommerceBody(body)).toBe(body);
  });

  it('passes already parsed JSON through', () => {
    const parsed = { id: 25 };
    expect(parseWooCommerceBody(parsed)).toBe(parsed);
  });

  it('lets a response schema accept a customer preceded by PHP notices', () => {
    const body =
      'Deprecated: Function x is deprecated in /var/www/x.php on line 4\n{"id":25,"email":"ana@example.com"}';
    expect(woocommerceCustomerResponseSchema.parse(body)).toStrictEqual({ id: 25, email: 'ana@example.com' });
  });
});

import { unprocessable } from './bigcommerce-error';
import { type BigCommerceParameters, type FilterDate, parseFilterDate } from './bigcommerce-parameters';
import type { BigCommerceCustomerRecord } from './bigcommerce-types';

/** Lower case without accents: the collation `name:like` compares with (sheet §2.1, unconfirmed). */
function folded(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .toLowerCase();
}

/** SQL `LIKE '%value%'`: `%` any run, `_` any one character. */
function likePattern(value: string): RegExp {
  const source = [...folded(value)]
    .map((character) => {
      if (character === '%') return '.*';
      if (character === '_') return '.';
      return character.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
    })
    .join('');
  return new RegExp(source, 'su');
}

const fullName = (customer: BigCommerceCustomerRecord) => `${customer.first_name} ${customer.last_name}`;
const epochSeconds = (date: string) => Date.parse(date) / 1000;

type Predicate = (customer: BigCommerceCustomerRecord) => boolean;

function wholeValue(
  values: readonly string[] | undefined,
  read: (customer: BigCommerceCustomerRecord) => string,
  caseless: boolean,
): Predicate | undefined {
  if (values === undefined) return undefined;
  const wanted = new Set(values.map((value) => (caseless ? value.toLowerCase() : value)));
  return (customer) => wanted.has(caseless ? read(customer).toLowerCase() : read(customer));
}

function dateFilters(
  parameters: BigCommerceParameters,
  field: 'date_created' | 'date_modified',
): Predicate[] {
  const predicates: Predicate[] = [];
  const at = (customer: BigCommerceCustomerRecord) => epochSeconds(customer[field]);
  const exact: FilterDate | undefined = parseFilterDate(parameters, field);
  if (exact !== undefined) {
    // A date-only value names that UTC day (sheet §2.1, unconfirmed).
    predicates.push(
      exact.dateOnly
        ? (customer) => at(customer) >= exact.seconds && at(customer) < exact.seconds + 86_400
        : (customer) => at(customer) === exact.seconds,
    );
  }
  const min = parseFilterDate(parameters, `${field}:min`);
  if (min !== undefined) predicates.push((customer) => at(customer) >= min.seconds);
  const max = parseFilterDate(parameters, `${field}:max`);
  if (max !== undefined) predicates.push((customer) => at(customer) <= max.seconds);
  return predicates;
}

/**
 * The filters of `GET /v3/customers` (sheet §2.1), combined with AND. Whole-value lists, `name:like`
 * as loose as BigCommerce's (accent- and case-insensitive, wildcards, comma-separated values OR-ed),
 * inclusive date bounds in whole seconds. Unknown parameters are ignored, as BigCommerce does.
 */
export function customerPredicate(parameters: BigCommerceParameters): Predicate {
  const ids = parameters.integers('id:in');
  const groups = parameters.integers('customer_group_id:in');
  const likes = parameters.list('name:like')?.map(likePattern);
  const predicates: Predicate[] = [
    ...(ids === undefined ? [] : [(customer: BigCommerceCustomerRecord) => ids.includes(customer.id)]),
    ...(groups === undefined
      ? []
      : [(customer: BigCommerceCustomerRecord) => groups.includes(customer.customer_group_id)]),
    ...[
      wholeValue(parameters.list('email:in'), (customer) => customer.email, true),
      wholeValue(parameters.list('name:in'), fullName, true),
      wholeValue(parameters.list('company:in'), (customer) => customer.company, true),
      wholeValue(parameters.list('phone:in'), (customer) => customer.phone, false),
      wholeValue(
        parameters.list('registration_ip_address:in'),
        (customer) => customer.registration_ip_address,
        false,
      ),
    ].filter((predicate): predicate is Predicate => predicate !== undefined),
    ...(likes === undefined
      ? []
      : [
          (customer: BigCommerceCustomerRecord) =>
            likes.some((pattern) => pattern.test(folded(fullName(customer)))),
        ]),
    ...dateFilters(parameters, 'date_created'),
    ...dateFilters(parameters, 'date_modified'),
  ];
  return (customer) => predicates.every((predicate) => predicate(customer));
}

const sortKeys = {
  date_created: (customer: BigCommerceCustomerRecord) => customer.date_created,
  date_modified: (customer: BigCommerceCustomerRecord) => customer.date_modified,
  last_name: (customer: BigCommerceCustomerRecord) => customer.last_name.toLowerCase(),
} as const;

/** `sort=date_created|date_modified|last_name[:asc|:desc]`; ties stay in id order. Other values → 422. */
export function customerComparator(
  parameters: BigCommerceParameters,
): ((left: BigCommerceCustomerRecord, right: BigCommerceCustomerRecord) => number) | undefined {
  const sort = parameters.text('sort');
  if (sort === undefined) return undefined;
  const [key, direction = 'asc'] = sort.split(':');
  const read = sortKeys[key as keyof typeof sortKeys];
  if (read === undefined || (direction !== 'asc' && direction !== 'desc')) {
    throw unprocessable('The filter(s): sort are invalid.', { sort: `'${sort}' is not a valid sort` });
  }
  const sign = direction === 'asc' ? 1 : -1;
  return (left, right) => {
    const a = read(left);
    const b = read(right);
    return a === b ? left.id - right.id : a < b ? -sign : sign;
  };
}

import { describe, expect, it } from 'vitest';
import type { CustomerSort } from './customer-query';
import { customerSortComparator, type SortableCustomer } from './customer-sort';

function customer(
  id: string,
  email: string | null,
  lastName: string | null,
  firstName: string | null,
  createdAt: string | null,
): SortableCustomer {
  return { id, email, firstName, lastName, dates: { createdAt, updatedAt: null } };
}

const customers = [
  customer('10', 'b@x.io', 'Silva', 'Ana', '2024-01-02T00:00:00.000Z'),
  customer('9', 'A@x.io', 'silva', null, '2024-01-02T00:00:00.000Z'),
  customer('100', null, null, 'Zoe', null),
  customer('2', 'c@x.io', 'Ng', 'Bo', '2024-01-01T00:00:00.000Z'),
  customer('3', 'a@X.io', 'Nguyen', 'Al', '2024-01-03T00:00:00.000Z'),
];

const ids = (sort: CustomerSort) => [...customers].sort(customerSortComparator(sort)).map((item) => item.id);

describe('customerSortComparator', () => {
  it('orders ids numerically in both directions', () => {
    expect(ids({ key: 'id', direction: 'asc' })).toStrictEqual(['2', '3', '9', '10', '100']);
    expect(ids({ key: 'id', direction: 'desc' })).toStrictEqual(['100', '10', '9', '3', '2']);
  });

  it('breaks ties by id in the same direction and puts null keys last both ways', () => {
    expect(ids({ key: 'createdAt', direction: 'asc' })).toStrictEqual(['2', '9', '10', '3', '100']);
    expect(ids({ key: 'createdAt', direction: 'desc' })).toStrictEqual(['3', '10', '9', '2', '100']);
  });

  it('compares emails with ASCII case folded', () => {
    expect(ids({ key: 'email', direction: 'asc' })).toStrictEqual(['3', '9', '10', '2', '100']);
    expect(ids({ key: 'email', direction: 'desc' })).toStrictEqual(['2', '10', '9', '3', '100']);
  });

  it('orders names by lastName then firstName (null as empty), a null lastName last', () => {
    expect(ids({ key: 'name', direction: 'asc' })).toStrictEqual(['2', '3', '9', '10', '100']);
    expect(ids({ key: 'name', direction: 'desc' })).toStrictEqual(['10', '9', '3', '2', '100']);
  });
});

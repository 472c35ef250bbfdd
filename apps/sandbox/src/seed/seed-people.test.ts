import { describe, expect, it } from 'vitest';
import { generateSeedPeople } from './seed-people';

describe('generateSeedPeople', () => {
  const people = generateSeedPeople(2500, 7);

  it('gives the same people for the same seed and others for another', () => {
    const emails = (seed: number) => generateSeedPeople(40, seed).customers.map((customer) => customer.email);
    expect(emails(7)).toStrictEqual(emails(7));
    expect(emails(8)).not.toStrictEqual(emails(7));
  });

  it('has the awkward cases of real stores', () => {
    const { customers, guestOrders } = people;
    const has = (predicate: (customer: (typeof customers)[number]) => boolean) => customers.some(predicate);
    expect(has((customer) => customer.addresses.length === 0)).toBe(true);
    expect(has((customer) => customer.addresses.length >= 3)).toBe(true);
    expect(has((customer) => customer.email === null)).toBe(true);
    expect(has((customer) => customer.lastName === null)).toBe(true);
    expect(has((customer) => /[^\p{ASCII}]/u.test(`${customer.firstName}${customer.lastName}`))).toBe(true);
    expect(has((customer) => customer.updatedAt === null)).toBe(true);
    expect(has((customer) => customer.orders.length > 1)).toBe(true);
    expect(
      has((customer) =>
        customers.some(
          (other) => other !== customer && other.createdAt.getTime() === customer.createdAt.getTime(),
        ),
      ),
    ).toBe(true);
    expect(guestOrders.length).toBeGreaterThan(0);
  });

  it('keeps e-mails unique, case-insensitively, and registration dates in order', () => {
    const emails = people.customers.flatMap((customer) =>
      customer.email === null ? [] : [customer.email.toLowerCase()],
    );
    expect(new Set(emails).size).toBe(emails.length);
    const times = people.customers.map((customer) => customer.createdAt.getTime());
    expect(times).toStrictEqual([...times].sort((left, right) => left - right));
  });
});

import type { Customer, CustomerCreateInput } from '@unicart/core';

/** Examples shown in the OpenAPI document (each is checked against its schema by `redocly lint`). */
export const exampleCustomer: Customer = {
  id: '1001',
  email: 'ada.lovelace@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '+44 20 7946 0958',
  currency: 'GBP',
  note: 'Prefers email',
  acceptsMarketing: true,
  tags: ['vip'],
  ordersCount: 3,
  totalSpent: 249.5,
  status: { id: null, status: 'enabled' },
  dates: { createdAt: '2024-01-31T10:00:00.000Z', updatedAt: '2024-03-02T08:15:30.000Z' },
  addresses: [
    {
      id: '2001',
      firstName: 'Ada',
      lastName: 'Lovelace',
      address1: '12 St James’s Square',
      address2: null,
      city: 'London',
      postalCode: 'SW1Y 4JH',
      phone: null,
      company: null,
      references: null,
      defaultBilling: true,
      defaultShipping: true,
      country: { code: 'GB', name: 'United Kingdom', codeIso2: 'GB', codeIso3: 'GBR' },
      state: { code: null, name: null },
    },
  ],
};

export const exampleCustomerInput: CustomerCreateInput = {
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada.lovelace@example.com',
  tags: ['vip'],
  addresses: [
    { address1: '12 St James’s Square', city: 'London', postalCode: 'SW1Y 4JH', country: { code: 'GB' } },
  ],
};

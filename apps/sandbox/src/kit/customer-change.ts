/** What happened to a customer, in the words every platform's customer webhook topics share. */
export type CustomerChange = 'created' | 'updated' | 'deleted';

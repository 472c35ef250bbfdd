import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectFilteredPage } from './collect-filtered-page';
import type { Page } from './v1/customer-adapter-v1';
import type { NativePage } from './v1/customer-driver';

function nativePages(items: readonly number[], size: number) {
  const fetched: (string | null)[] = [];
  const fetchPage = async (cursor: string | null): Promise<NativePage<number>> => {
    fetched.push(cursor);
    const offset = cursor === null ? 0 : Number(cursor);
    const next = offset + size;
    return { items: items.slice(offset, next), next: next < items.length ? String(next) : null };
  };
  return { fetchPage, fetched };
}

async function everyPage(
  items: readonly number[],
  size: number,
  limit: number,
  keep: (item: number) => boolean,
) {
  const { fetchPage } = nativePages(items, size);
  const pages: number[][] = [];
  let cursor: string | null = null;
  do {
    const page: Page<number> = await collectFilteredPage({
      limit,
      cursor,
      fetchPage,
      keep,
      maxUpstreamPages: 3,
    });
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 10_000);
  return pages;
}

describe('collectFilteredPage', () => {
  it('fills a page from several native pages and resumes inside a native page', async () => {
    const { fetchPage, fetched } = nativePages([1, 2, 3, 4, 5, 6, 7, 8], 3);
    const first = await collectFilteredPage({
      limit: 2,
      cursor: null,
      fetchPage,
      keep: (item) => item % 2 === 0,
    });
    expect(first.items).toStrictEqual([2, 4]);
    const second = await collectFilteredPage({
      limit: 2,
      cursor: first.nextCursor,
      fetchPage,
      keep: (item) => item % 2 === 0,
    });
    expect(second).toStrictEqual({
      items: [6, 8],
      nextCursor: null,
      cursorsAfter: [JSON.stringify({ n: '6', s: 0 }), null],
    });
    expect(fetched).toStrictEqual([null, '3', '3', '6']);
  });

  it('gives after each item a cursor that resumes just after it, so a page cut short skips and repeats nothing', async () => {
    const items = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
    const keep = (item: number) => item % 3 !== 0;
    const { fetchPage } = nativePages(items, 4);
    const page = await collectFilteredPage({ limit: 6, cursor: null, fetchPage, keep });
    expect(page.items).toStrictEqual([1, 2, 4, 5, 7, 8]);
    for (const [index, cursorAfter] of page.cursorsAfter.entries()) {
      const rest = await collectFilteredPage({ limit: 100, cursor: cursorAfter, fetchPage, keep });
      expect([...page.items.slice(0, index + 1), ...rest.items]).toStrictEqual(items.filter(keep));
    }
  });

  it('resumes right after the last examined item when items carry their own cursor', async () => {
    // Item i sits at native position i, so the position after it is i + 1.
    const { fetchPage, fetched } = nativePages([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5);
    const options = { limit: 2, fetchPage, keep: (item: number) => item % 2 === 0 };
    const itemCursor = (item: number) => String(item + 1);
    const first = await collectFilteredPage({ ...options, cursor: null, itemCursor });
    const second = await collectFilteredPage({ ...options, cursor: first.nextCursor, itemCursor });
    expect([first.items, first.nextCursor, second.items, fetched]).toStrictEqual([
      [0, 2],
      JSON.stringify({ n: '3', s: 0 }),
      [4, 6],
      [null, '3'],
    ]);
  });

  it('returns a short page with a cursor when the upstream budget runs out', async () => {
    const { fetchPage, fetched } = nativePages(
      Array.from({ length: 50 }, (_, index) => index),
      5,
    );
    const page = await collectFilteredPage({
      limit: 5,
      cursor: null,
      fetchPage,
      keep: (item) => item > 40,
      maxUpstreamPages: 2,
    });
    expect(page.items).toStrictEqual([]);
    expect(page.nextCursor).not.toBeNull();
    expect(fetched).toHaveLength(2);
  });

  it('refuses a cursor it did not issue with InvalidRequestError', async () => {
    const { fetchPage, fetched } = nativePages([1, 2, 3], 2);
    for (const cursor of ['not json', '{"n":5,"s":0}', '{"n":null,"s":-1}', 'null']) {
      await expect(
        collectFilteredPage({ limit: 2, cursor, fetchPage, keep: () => true }),
      ).rejects.toMatchObject({
        code: 'invalid_request',
      });
    }
    expect(fetched).toStrictEqual([]);
  });

  it('yields exactly the kept items, in order, once each, for any page sizes', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 4 }),
        async (items, nativeSize, limit, modulus) => {
          const keep = (item: number) => item % modulus === 0;
          const pages = await everyPage(items, nativeSize, limit, keep);
          for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
          expect(pages.flat()).toStrictEqual(items.filter(keep));
        },
      ),
      { numRuns: 300 },
    );
  });
});

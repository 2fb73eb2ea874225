import { inKeyOrder } from '@ciba/service-kit';

describe('inKeyOrder', () => {
  it('sorts by key and maps each sorted position back to the item it came from', () => {
    const items = [{ id: 'c' }, { id: 'a' }, { id: 'b' }];
    const { sorted, order } = inKeyOrder(items, (i) => i.id);
    expect(sorted.map((i) => i.id)).toEqual(['a', 'b', 'c']);
    expect(order).toEqual([1, 2, 0]);
    expect(order.map((index) => items[index])).toEqual(sorted);
  });

  it('keeps items with the same key in their arrival order, and compares code units (not locale)', () => {
    const items = [{ id: 'b', n: 1 }, { id: 'B', n: 2 }, { id: 'b', n: 3 }, { id: '_', n: 4 }];
    expect(inKeyOrder(items, (i) => i.id).sorted.map((i) => i.n)).toEqual([2, 4, 1, 3]);
  });
});

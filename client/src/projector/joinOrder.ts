/**
 * The lobby's names in the order students joined, newest first: the roster gives seats, not times, so the
 * page remembers when it first saw each one (a student already there when the page opened counts in seat
 * order). Bots are no one's name; a seat whose student left drops out.
 */

export interface NamedSeat {
  readonly seat: number;
  readonly nickname: string;
  readonly kind: string;
}

const PEOPLE: ReadonlySet<string> = new Set(["human", "stand-in"]);

export class JoinOrder {
  private readonly seen = new Map<string, number>();
  private next = 0;

  /** The names of the students in `seats`, newest first. */
  update(seats: readonly NamedSeat[]): string[] {
    const people = seats
      .filter((s) => PEOPLE.has(s.kind) && s.nickname !== "" && s.nickname !== "(left)")
      .sort((a, b) => a.seat - b.seat);
    const keys = new Set<string>();
    for (const s of people) {
      const key = `${s.seat}\u0000${s.nickname}`;
      keys.add(key);
      if (!this.seen.has(key)) this.seen.set(key, this.next++);
    }
    for (const key of [...this.seen.keys()]) if (!keys.has(key)) this.seen.delete(key);
    return people
      .map((s) => ({ name: s.nickname, at: this.seen.get(`${s.seat}\u0000${s.nickname}`) ?? 0 }))
      .sort((a, b) => b.at - a.at)
      .map((s) => s.name);
  }
}

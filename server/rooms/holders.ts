/**
 * Who holds what in a room: each connection's holder (its role, its seat, its message bucket) and, for
 * student seats, the one holder that may speak for each seat now. Releasing a seat is how a kick, a ban, an
 * expired grace or the same browser elsewhere takes effect: an away holder's pending reconnection is
 * refused (its old token stops working), a present one is told why and closed.
 */
import { type Client, CloseCode, type Room } from "@colyseus/core";
import { REJECTIONS, type Rejection, type Role } from "../../shared/protocol/messages.ts";
import type { ReleaseReason } from "../../shared/session/conductor.ts";
import { type Bucket, newBucket } from "./limiter.ts";

export interface Holder {
  readonly role: Role;
  seat: number;
  client: Client;
  readonly bucket: Bucket;
  /** The conductor let this seat go (kick, ban, expiry, the same browser elsewhere): nothing more from it. */
  released: boolean;
  /** The seat kept for this dropped connection; rejecting it refuses the old reconnection token. */
  pending: ReturnType<Room["allowReconnection"]> | null;
  /** A newer connection came with this one's token while this one still looked open (a fast reload). */
  takenOver: boolean;
}

export const newHolder = (role: Role, client: Client, now: number): Holder => ({
  role,
  seat: -1,
  client,
  bucket: newBucket(now),
  released: false,
  pending: null,
  takenOver: false,
});

/** Tells a holder its message was turned down, and logs it in one line. */
export function refuse(
  holder: Holder,
  type: string,
  reason: Rejection,
  log: (message: string, data?: Record<string, unknown>) => void,
): void {
  const shown = type.slice(0, 40);
  log("refused a message", { type: shown, reason, role: holder.role, seat: holder.seat });
  holder.client.send("rejected", { type: shown, reason, message: REJECTIONS[reason] });
}

export class SeatHolders {
  private readonly bySeat = new Map<number, Holder>();

  get(seat: number): Holder | undefined {
    return this.bySeat.get(seat);
  }

  bind(seat: number, holder: Holder): void {
    holder.seat = seat;
    this.bySeat.set(seat, holder);
  }

  /** Whether this holder still speaks for its seat. */
  holds(holder: Holder): boolean {
    return holder.role === "student" && !holder.released && this.bySeat.get(holder.seat) === holder;
  }

  /** The seat is no one's now. `later` runs what the holder is told once the events before it are on disk. */
  release(seat: number, why: ReleaseReason | "left", later: (tell: () => void) => void): void {
    const holder = this.bySeat.get(seat);
    if (!holder) return;
    this.bySeat.delete(seat);
    holder.released = true;
    if (holder.pending) {
      holder.pending.reject(new Error(`seat released: ${why}`));
      holder.pending = null;
      return;
    }
    if (why === "left") return;
    later(() => {
      holder.client.send("removed", { reason: why });
      holder.client.leave(CloseCode.CONSENTED);
    });
  }
}

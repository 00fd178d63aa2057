/**
 * An @colyseus/sdk client whose rooms count every byte they receive (WebSocket payloads: the handshake,
 * full state, patches and messages; not frame or TCP overhead). The load test and the privacy tests use it
 * to show what a client's traffic costs.
 */
import { Client, Room } from "@colyseus/sdk";

export class MeteredRoom extends Room {
  bytesIn = 0;
  /** Every frame received, when `keepFrames` is set (the privacy tests search them byte by byte). */
  readonly frames: Uint8Array[] = [];
  keepFrames = false;
  protected override onMessageCallback(event: MessageEvent): void {
    const data = event.data as ArrayBuffer;
    this.bytesIn += data.byteLength;
    if (this.keepFrames) this.frames.push(new Uint8Array(data.slice(0)));
    super.onMessageCallback(event);
  }
}

export class MeteredClient extends Client {
  /** Rooms made by this client keep every frame from the first (the join's full state included). */
  keepFrames = false;
  protected override createRoom(roomName: string, rootSchema?: unknown): Room {
    const room = new MeteredRoom(roomName, rootSchema as never);
    room.keepFrames = this.keepFrames;
    return room as unknown as Room;
  }
}

export const bytesReceived = (room: Room): number => (room instanceof MeteredRoom ? room.bytesIn : 0);

/** The frames a room kept (see MeteredClient.keepFrames), or none. */
export const framesOf = (room: Room): readonly Uint8Array[] =>
  room instanceof MeteredRoom ? room.frames : [];

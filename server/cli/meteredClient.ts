/**
 * An @colyseus/sdk client whose rooms count every byte they receive (WebSocket payloads: the handshake,
 * full state, patches and messages; not frame or TCP overhead). The load test and the privacy tests use it
 * to show what a client's traffic costs.
 */
import { Client, Room } from "@colyseus/sdk";

export class MeteredRoom extends Room {
  bytesIn = 0;
  protected override onMessageCallback(event: MessageEvent): void {
    this.bytesIn += (event.data as ArrayBuffer).byteLength;
    super.onMessageCallback(event);
  }
}

export class MeteredClient extends Client {
  protected override createRoom(roomName: string, rootSchema?: unknown): Room {
    return new MeteredRoom(roomName, rootSchema as never) as unknown as Room;
  }
}

export const bytesReceived = (room: Room): number => (room instanceof MeteredRoom ? room.bytesIn : 0);

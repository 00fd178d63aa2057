/** A one-line progress bar on a terminal stream; silent when the stream is not a terminal (pipes, CI). */
export interface ProgressBar {
  readonly update: (done: number, total: number, label: string) => void;
  readonly done: () => void;
}

interface Stream {
  readonly isTTY?: boolean;
  write(chunk: string): boolean;
}

export function progressBar(stream: Stream, width = 30): ProgressBar {
  if (!stream.isTTY) return { update: () => {}, done: () => {} };
  let last = "";
  return {
    update(done, total, label) {
      const share = total > 0 ? Math.min(1, done / total) : 1;
      const filled = Math.round(share * width);
      const line = `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${Math.round(share * 100)}% ${label}`;
      if (line !== last) stream.write(`\r${line}\x1b[K`);
      last = line;
    },
    done() {
      if (last) stream.write("\r\x1b[K");
    },
  };
}

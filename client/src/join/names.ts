/**
 * "Suggest a name": an adjective and an animal from fixed, friendly lists, so a student who does not want
 * to type (or to use a real name on the projector) gets a clean one at a tap. Every pair passes the
 * nickname filter and no two look alike (test/protocol/nicknameNames.test.ts).
 */

export const ADJECTIVES = (
  "Brave Calm Clever Curious Daring Eager Gentle Happy Jolly Kind Lively Lucky Merry Mighty Nimble " +
  "Patient Plucky Quick Quiet Sunny Swift Tidy Witty Zesty"
).split(" ");

export const ANIMALS = (
  "Otter Badger Beaver Falcon Fox Gecko Heron Koala Lemur Lynx Marmot Newt Owl Panda Puffin Quokka " +
  "Robin Seal Sloth Squid Tapir Turtle Walrus Wombat"
).split(" ");

function pick<T>(list: readonly T[]): T {
  const [n] = crypto.getRandomValues(new Uint32Array(1));
  return list[n % list.length];
}

/** A name like "Brave Otter", never the one just shown (so the button always visibly changes it). */
export function suggestName(previous = ""): string {
  for (;;) {
    const name = `${pick(ADJECTIVES)} ${pick(ANIMALS)}`;
    if (name !== previous) return name;
  }
}

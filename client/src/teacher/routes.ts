/**
 * The dashboard's places as hash routes, so a reload keeps the view: #create, #live/ID, #replays,
 * #replay/ID or #replay/ID1,ID2 (two sessions side by side). Anything else is the create form.
 */

export type Route =
  | { readonly view: "create" }
  | { readonly view: "live"; readonly id: string }
  | { readonly view: "replays" }
  | { readonly view: "replay"; readonly ids: readonly string[] };

// Session ids are the server's own (letters, digits, - and _); anything else in a hash is ignored.
const ID = /^[A-Za-z0-9_-]{1,64}$/;

export function parseRoute(hash: string): Route {
  const [place, rest = ""] = hash.replace(/^#/, "").split("/", 2);
  if (place === "live" && ID.test(rest)) return { view: "live", id: rest };
  if (place === "replays") return { view: "replays" };
  if (place === "replay") {
    const ids = [...new Set(rest.split(",").filter((id) => ID.test(id)))].slice(0, 2);
    if (ids.length > 0) return { view: "replay", ids };
  }
  return { view: "create" };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case "create":
      return "#create";
    case "replays":
      return "#replays";
    case "live":
      return `#live/${route.id}`;
    case "replay":
      return `#replay/${route.ids.join(",")}`;
  }
}

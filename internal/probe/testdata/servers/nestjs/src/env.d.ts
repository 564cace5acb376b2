// The little of Node's globals the app uses, instead of @types/node.
declare const process: { env: Record<string, string | undefined> };

// What becomes of an anonymous volume between `up` and `down` (domain-facts §3.3, §3.5, §3.6), said the same
// way by the volume hovers, the Dockerfile VOLUME hover and the unpersisted-data rule.
export const ANONYMOUS_VOLUME_FATE =
  '`up` re-attaches it when it recreates the container, but after `docker compose down` the next `up` creates a new one, holding only what the image has at that path';

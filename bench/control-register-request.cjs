// autocannon's setupRequest for bench/control.ts's registrations, as a file (its workers load functions by path):
// each registration by a different author, so that none is a repeated appeal.
"use strict";
const { randomUUID } = require("node:crypto");

module.exports = function setupRequest(req) {
  const id = randomUUID();
  const body = JSON.parse(req.body);
  body.authorName = `Нагрузочный Автор ${id}`;
  body.authorAddress = `г. Калуга, ул. Садовая, ${id}`;
  return { ...req, body: JSON.stringify(body) };
};

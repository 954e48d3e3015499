/**
 * The MariaDB / MySQL connection of `npm run test:db`. The server is not an npm package: start one
 * with `npm run db:start` (Debian's mariadb-server) and export the URL it prints. Without it the
 * tests fail with that instruction; they never skip.
 */
import mysql from "mysql2/promise";

export const MYSQL_URL_VARIABLE = "VMFILTER_MYSQL_URL";

export async function connect(): Promise<mysql.Connection> {
  const url = process.env[MYSQL_URL_VARIABLE];
  if (!url) {
    throw new Error(
      `${MYSQL_URL_VARIABLE} is not set: these tests need a MariaDB or MySQL server. ` +
        "Run `npm run db:start` (installs and starts Debian's mariadb-server) and export the URL it prints.",
    );
  }
  try {
    return await mysql.createConnection({ uri: url, supportBigNumbers: true, bigNumberStrings: true, multipleStatements: false, charset: "utf8mb4" });
  } catch (error) {
    throw new Error(`Cannot connect to ${url} (${error instanceof Error ? error.message : String(error)}). Is the server running? Try \`npm run db:start\`.`);
  }
}

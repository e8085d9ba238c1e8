// A loopback SMTP server for tests: listens on 127.0.0.1 (port 0 = any free one), prints "listening <port>",
// and writes each received message to <folder>/<n>.eml and, parsed, to <folder>/<n>.json. Usage: node smtp-sink.js <folder>
'use strict';
const fs = require('fs');
const path = require('path');
const { SMTPServer } = require('smtp-server');
const { simpleParser } = require('mailparser');

const folder = process.argv[2];
if (!folder) { console.error('usage: node smtp-sink.js <folder>'); process.exit(2); }
fs.mkdirSync(folder, { recursive: true });
let count = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onAuth(auth, session, callback) { callback(null, { user: auth.username }); },
  onData(stream, session, callback) {
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', async () => {
      try {
        const raw = Buffer.concat(chunks);
        const mail = await simpleParser(raw, { keepCidLinks: true }); // keep "cid:" links so tests can check them
        const n = ++count;
        const parsed = {
          envelopeFrom: session.envelope.mailFrom && session.envelope.mailFrom.address,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          user: session.user || null,
          messageId: mail.messageId,
          subject: mail.subject,
          from: mail.from && mail.from.text,
          to: mail.to && mail.to.text,
          text: mail.text,
          html: mail.html,
          attachments: mail.attachments.map((a) => ({
            contentType: a.contentType, contentId: a.contentId, cid: a.cid, filename: a.filename,
            contentDisposition: a.contentDisposition, related: a.related, size: a.size, base64: a.content.toString('base64'),
          })),
        };
        fs.writeFileSync(path.join(folder, `${n}.eml`), raw);
        // The .json is written last, by rename, so a reader never sees half a file.
        fs.writeFileSync(path.join(folder, `${n}.json.tmp`), JSON.stringify(parsed));
        fs.renameSync(path.join(folder, `${n}.json.tmp`), path.join(folder, `${n}.json`));
        callback();
      } catch (e) {
        callback(e);
      }
    });
  },
});
server.on('error', (e) => console.error('smtp error', e.message));
server.listen(0, '127.0.0.1', () => console.log(`listening ${server.server.address().port}`));

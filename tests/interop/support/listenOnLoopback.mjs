// Preloaded (node --import) into simple-whip-server, which listens on every interface and has no
// setting for it: a listen(port[, callback]) without a host gets 127.0.0.1, so the tests stay on loopback.
import net from 'node:net';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function listenOnLoopback(...args) {
  if (typeof args[0] === 'number' && typeof args[1] !== 'string') args.splice(1, 0, '127.0.0.1');
  return listen.apply(this, args);
};

// P1's "where it goes": loads what `npm run synth` loads (lib/ and apps/) and does nothing with it.
import '../../lib';
import '../../apps';

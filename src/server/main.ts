import { ProposedFeatures, createConnection } from 'vscode-languageserver/node';
import { startServer } from './server';

// createConnection picks the transport from the command line: --stdio, --node-ipc or --socket=N.
startServer(createConnection(ProposedFeatures.all));

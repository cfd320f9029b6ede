import { render } from 'preact';

render(<h1>Adlens</h1>, document.getElementById('app')!);

import { DOMParser } from '@xmldom/xmldom';
for (const n of [5000, 10000, 20000, 36000]) {
  const xml = '<a>'.repeat(n) + '</a>'.repeat(n);
  const t = performance.now();
  new DOMParser({onError(){}}).parseFromString(xml, 'application/xml');
  console.log(n, (performance.now() - t).toFixed(0));
}
for (const n of [5000, 20000]) {
  const xml = '<r>' + '<a x="1"/>'.repeat(n) + '</r>';
  const t = performance.now();
  new DOMParser({onError(){}}).parseFromString(xml, 'application/xml');
  console.log('flat', n, (performance.now() - t).toFixed(0));
}

import { BlingError, type BlingFieldError, validationError } from './bling-error';
import { emptyBlingAddress } from './bling-seed';
import type { BlingAddressRecord, BlingContactRecord } from './bling-types';

const ufs = new Set(
  'AC AL AP AM BA CE DF ES GO MA MT MS MG PA PB PR PE PI RJ RN RS RO RR SC SP SE TO EX'.split(' '),
);

type Body = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const record = (value: unknown): Body =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Body) : {};

/** Bling formats an 8-digit CEP as `NNNNN-NNN` and upper-cases `uf` (sheet §5.1, unconfirmed). */
function addressOf(value: unknown, fields: BlingFieldError[], block: string): BlingAddressRecord {
  const source = record(value);
  const address = emptyBlingAddress();
  for (const key of Object.keys(address) as (keyof BlingAddressRecord)[]) address[key] = text(source[key]);
  const cepDigits = address.cep.replace(/\D/g, '');
  if (cepDigits.length === 8) address.cep = `${cepDigits.slice(0, 5)}-${cepDigits.slice(5)}`;
  address.uf = address.uf.trim().toUpperCase();
  if (address.uf !== '' && !ufs.has(address.uf)) {
    fields.push({ code: 37, msg: `A UF ${address.uf} é inválida.`, element: `endereco.${block}.uf` });
  }
  return address;
}

/**
 * A contact from a POST or PUT body: every field it is not given is empty, as Bling stores it
 * (PUT replaces the whole contact, sheet §5.2). Refused as Bling refuses: no `nome`, a `tipo` other
 * than F/J/E, a malformed e-mail, an unknown UF or contact type.
 */
export function contactFromBody(
  raw: unknown,
  id: number,
  knownTypes: ReadonlyMap<number, string>,
): BlingContactRecord {
  if (raw === undefined)
    throw new BlingError(400, 'EMPTY_REQUEST_BODY', 'Corpo vazio', 'O corpo da requisição está vazio.');
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new BlingError(400, 'INVALID_REQUEST_BODY', 'Corpo inválido', 'O corpo da requisição é inválido.');
  }
  const body = raw as Body;
  const fields: BlingFieldError[] = [];
  const nome = text(body.nome).trim();
  if (nome === '') fields.push({ code: 11, msg: 'O nome do contato deve ser informado.', element: 'nome' });
  const tipo = text(body.tipo);
  if (!['F', 'J', 'E'].includes(tipo))
    fields.push({ code: 12, msg: 'O tipo de pessoa é inválido.', element: 'tipo' });
  const email = text(body.email).trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    fields.push({ code: 19, msg: `O e-mail ${email} é inválido.`, element: 'email' });
  }
  const situacao = text(body.situacao) || 'A';
  if (!['A', 'I', 'E', 'S'].includes(situacao)) {
    fields.push({ code: 13, msg: 'A situação é inválida.', element: 'situacao' });
  }
  const endereco = record(body.endereco);
  const geral = addressOf(endereco.geral, fields, 'geral');
  const cobranca = addressOf(endereco.cobranca, fields, 'cobranca');
  const tiposContato = (Array.isArray(body.tiposContato) ? body.tiposContato : []).map((type) => {
    const typeId = Number(record(type).id);
    const descricao = knownTypes.get(typeId);
    if (descricao === undefined) {
      fields.push({ code: 41, msg: 'O tipo de contato informado não existe.', element: 'tiposContato' });
    }
    return { id: typeId, descricao: descricao ?? '' };
  });
  if (fields.length > 0) throw validationError(fields);
  const numbers = record(body.financeiro);
  const more = record(body.dadosAdicionais);
  return {
    id,
    nome,
    codigo: text(body.codigo),
    situacao,
    numeroDocumento: text(body.numeroDocumento).replace(/\D/g, ''),
    telefone: text(body.telefone),
    celular: text(body.celular),
    fantasia: text(body.fantasia),
    tipo,
    indicadorIe: typeof body.indicadorIe === 'number' ? body.indicadorIe : 9,
    ie: text(body.ie),
    rg: text(body.rg),
    inscricaoMunicipal: text(body.inscricaoMunicipal),
    orgaoEmissor: text(body.orgaoEmissor),
    email,
    emailNotaFiscal: text(body.emailNotaFiscal),
    orgaoPublico: text(body.orgaoPublico) || 'N',
    endereco: { geral, cobranca },
    vendedor: { id: Number(record(body.vendedor).id ?? 0) || 0 },
    dadosAdicionais: {
      dataNascimento: text(more.dataNascimento) || '0000-00-00',
      sexo: text(more.sexo),
      naturalidade: text(more.naturalidade),
    },
    financeiro: {
      limiteCredito: typeof numbers.limiteCredito === 'number' ? numbers.limiteCredito : 0,
      condicaoPagamento: text(numbers.condicaoPagamento),
      categoria: { id: Number(record(numbers.categoria).id ?? 0) || 0 },
    },
    pais: { nome: text(record(body.pais).nome) },
    tiposContato,
    pessoasContato: [],
  };
}

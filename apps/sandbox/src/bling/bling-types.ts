/** `endereco.geral` / `endereco.cobranca`: every field a string, `""` when unset (sheet §4.1). */
export interface BlingAddressRecord {
  endereco: string;
  numero: string;
  complemento: string;
  bairro: string;
  cep: string;
  municipio: string;
  uf: string;
}

/** A contact as `GET /contatos/{id}` answers it (sheet §4.3). */
export interface BlingContactRecord {
  id: number;
  nome: string;
  codigo: string;
  /** A Ativo, I Inativo, E Excluído, S Sem movimentação. */
  situacao: string;
  /** Digits only in the detail (formatted in the list). */
  numeroDocumento: string;
  telefone: string;
  celular: string;
  fantasia: string;
  /** F Física, J Jurídica, E Estrangeira. */
  tipo: string;
  indicadorIe: number;
  ie: string;
  rg: string;
  inscricaoMunicipal: string;
  orgaoEmissor: string;
  email: string;
  emailNotaFiscal: string;
  orgaoPublico: string;
  endereco: { geral: BlingAddressRecord; cobranca: BlingAddressRecord };
  vendedor: { id: number };
  dadosAdicionais: { dataNascimento: string; sexo: string; naturalidade: string };
  financeiro: { limiteCredito: number; condicaoPagamento: string; categoria: { id: number } };
  pais: { nome: string };
  tiposContato: { id: number; descricao: string }[];
  pessoasContato: { id: number; descricao: string }[];
}

/** Bling keeps these but never returns them (sheet §3): only the date filters see them. */
export interface BlingContactDates {
  /** UTC milliseconds. */
  readonly includedAt: number;
  readonly alteredAt: number;
}

/** A stored contact: what Bling answers, and the hidden inclusion and alteration times. */
export interface BlingStoredContact {
  readonly contact: BlingContactRecord;
  readonly dates: BlingContactDates;
}

/** A sales order as `GET /pedidos/vendas/{id}` answers it (sheet §6), the fields the simulator keeps. */
export interface BlingOrderRecord {
  id: number;
  numero: number;
  numeroLoja: string;
  data: string;
  dataSaida: string;
  dataPrevista: string;
  totalProdutos: number;
  total: number;
  contato: { id: number; nome: string; tipoPessoa: string; numeroDocumento: string };
  situacao: { id: number; valor: number };
  loja: { id: number; unidadeNegocio: { id: number } };
  numeroPedidoCompra: string;
  outrasDespesas: number;
  observacoes: string;
  observacoesInternas: string;
  desconto: { valor: number; unidade: 'REAL' | 'PERCENTUAL' };
  categoria: { id: number };
  notaFiscal: { id: number };
  tributacao: { totalICMS: number; totalIPI: number };
  itens: {
    id: number;
    codigo: string;
    unidade: string;
    quantidade: number;
    desconto: number;
    valor: number;
    aliquotaIPI: number;
    descricao: string;
    descricaoDetalhada: string;
    produto: { id: number };
    comissao: { base: number; aliquota: number; valor: number };
    naturezaOperacao: { id: number };
  }[];
  parcelas: {
    id: number;
    dataVencimento: string;
    valor: number;
    observacoes: string;
    caut: string;
    formaPagamento: { id: number };
  }[];
  transporte: {
    fretePorConta: number;
    frete: number;
    quantidadeVolumes: number;
    pesoBruto: number;
    prazoEntrega: number;
  };
  vendedor: { id: number };
}

/** The contact types every account starts with (ids are per account, sheet §4.2). */
export const blingContactTypes = {
  cliente: { id: 14700912001, descricao: 'Cliente' },
  fornecedor: { id: 14700912002, descricao: 'Fornecedor' },
  transportador: { id: 14700912003, descricao: 'Transportador' },
  tecnico: { id: 14700912004, descricao: 'Técnico' },
} as const;

/** Default situações of sales orders (sheet §6), with Bling's normalised `valor`. */
export const blingOrderSituacoes: Readonly<Record<number, { nome: string; valor: number; cor: string }>> = {
  6: { nome: 'Em aberto', valor: 0, cor: '#E9DC40' },
  9: { nome: 'Atendido', valor: 1, cor: '#3FB57A' },
  12: { nome: 'Cancelado', valor: 2, cor: '#CACACA' },
  15: { nome: 'Em andamento', valor: 3, cor: '#5DA0E2' },
};

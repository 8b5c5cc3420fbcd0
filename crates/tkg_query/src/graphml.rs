//! GraphML export of the graph view.
//!
//! The document has this shape (values escaped, ids in canonical order):
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <graphml xmlns="http://graphml.graphdrawing.org/xmlns">
//!   <key id="label" for="node" attr.name="label" attr.type="string"/>
//!   … every key, all before the graph …
//!   <graph id="tkg" edgedefault="directed">
//!     <node id="https://w3id.org/tkg/id/group/northern-front">
//!       <data key="label">Northern Front</data>
//!       …
//!     </node>
//!     … all nodes, then all edges …
//!     <edge id="e0" source="…" target="…">
//!       <data key="edge_label">operatesIn</data>
//!       …
//!     </edge>
//!   </graph>
//! </graphml>
//! ```
//!
//! # Keys
//!
//! | key id | for | attr.name | attr.type | value |
//! |---|---|---|---|---|
//! | `label` | node | `label` | string | canonical name (Gephi's node label) |
//! | `name` | node | `name` | string | the same (Cytoscape's node name) |
//! | `class` | node | `class` | string | `Group`, `Person`, `Location` or `Attack`; absent if untyped |
//! | `aliases` | node | `aliases` | string | aliases joined with `\|` (possibly empty; an alias containing `\|` reads as two) |
//! | `iri` | node | `iri` | string | the entity IRI (also the node id) |
//! | `date` | node | `date` | string | attacks: `2021`, `2021-08` or `2021-08-26`; absent if unknown |
//! | `killed` | node | `killed` | int | attacks: stated dead; absent if unknown or not a 32-bit integer |
//! | `injured` | node | `injured` | int | attacks: stated injured; same rule |
//! | `edge_label` | edge | `label` | string | predicate local name (Gephi's edge label) |
//! | `interaction` | edge | `interaction` | string | the same (Cytoscape's edge type) |
//! | `predicate` | edge | `predicate` | string | full predicate IRI |
//! | `evidence_count` | edge | `evidence_count` | int | pieces of evidence |
//! | `evidence` | edge | `evidence` | string | first evidence sentence (see [`EvidenceOut::first`]), or empty |
//!
//! Key ids equal attribute names so that no reader mistakes them for its own
//! conventional ids (Gephi reads `d3`/`d7` as labels), with one exception:
//! GraphML key ids are unique per document, so the edge `label` key has id
//! `edge_label`. Readers that go by `attr.name` (networkx, Cytoscape, igraph)
//! see `label` on both nodes and edges; Gephi maps it by `attr.name` too.
//!
//! # Nodes and edges
//!
//! One node per entity, id = entity IRI, in IRI order. One edge per stored
//! entity-to-entity triple, ids `e0`, `e1`, … in (source, predicate local name,
//! target) order: symmetric predicates (`alliedWith`, `rivalOf`) are stored in
//! both directions and so appear as two edges, and edge counts equal SPARQL
//! triple counts. The data is normalized first as by
//! [`GraphView::data`](crate::GraphView::data) (edges never dangle), so the
//! output is byte-identical for equal data whatever its order.
//!
//! # Escaping
//!
//! Text and attribute values escape `&`, `<` and `>` (so `]]>` never appears),
//! attribute values also `"`, `'`, tab, line feed and carriage return (which a
//! parser would otherwise normalize to spaces). Characters XML 1.0 forbids even
//! as references (C0 controls other than tab, line feed and carriage return,
//! U+FFFE, U+FFFF) are replaced by U+FFFD.

use std::borrow::Cow;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use tkg_model::{EdgeData, GraphData, NodeData};

use crate::normalize::normalize;
use crate::schema::EvidenceOut;

/// The GraphML namespace.
pub const GRAPHML_NS: &str = "http://graphml.graphdrawing.org/xmlns";

/// (id, for, attr.name, attr.type), in output order.
const KEYS: [(&str, &str, &str, &str); 13] = [
    ("label", "node", "label", "string"),
    ("name", "node", "name", "string"),
    ("class", "node", "class", "string"),
    ("aliases", "node", "aliases", "string"),
    ("iri", "node", "iri", "string"),
    ("date", "node", "date", "string"),
    ("killed", "node", "killed", "int"),
    ("injured", "node", "injured", "int"),
    ("edge_label", "edge", "label", "string"),
    ("interaction", "edge", "interaction", "string"),
    ("predicate", "edge", "predicate", "string"),
    ("evidence_count", "edge", "evidence_count", "int"),
    ("evidence", "edge", "evidence", "string"),
];

/// Writes `data` as GraphML to `writer`.
///
/// The layout, keys and escaping are described in the [module documentation](self).
/// The output is byte-identical for equal data. `writer` is not buffered
/// here: wrap a file in a [`std::io::BufWriter`].
///
/// # Errors
///
/// Only the writer's I/O errors.
///
/// # Complexity
///
/// *O((V + E) log(V + E))* time for normalizing, then linear in the output size.
///
/// # Example
///
/// ```
/// use tkg_model::{Class, GraphData, NodeData};
///
/// let node = NodeData {
///     iri: "https://w3id.org/tkg/id/group/northern-front".into(),
///     label: "Northern <Front>".into(),
///     class: Some(Class::Group),
///     aliases: vec!["NF".into()],
///     attributes: Default::default(),
/// };
/// let mut out = Vec::new();
/// tkg_query::graphml::write_graphml(&GraphData { nodes: vec![node], edges: vec![] }, &mut out).unwrap();
/// let xml = String::from_utf8(out).unwrap();
/// assert!(xml.contains(r#"<data key="label">Northern &lt;Front&gt;</data>"#));
/// ```
pub fn write_graphml<W: Write>(data: &GraphData, writer: W) -> io::Result<()> {
    write_normalized(&normalize(data.clone()), writer)
}

/// [`write_graphml`] for data that is already normalized.
pub(crate) fn write_normalized<W: Write>(data: &GraphData, writer: W) -> io::Result<()> {
    let mut xml = Writer::new_with_indent(writer, b' ', 2);
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    xml.write_event(Event::Start(element("graphml", &[("xmlns", GRAPHML_NS)])))?;
    for (id, domain, name, kind) in KEYS {
        let key = element(
            "key",
            &[
                ("id", id),
                ("for", domain),
                ("attr.name", name),
                ("attr.type", kind),
            ],
        );
        xml.write_event(Event::Empty(key))?;
    }
    xml.write_event(Event::Start(element(
        "graph",
        &[("id", "tkg"), ("edgedefault", "directed")],
    )))?;
    for node in &data.nodes {
        write_node(&mut xml, node)?;
    }
    for (index, edge) in data.edges.iter().enumerate() {
        write_edge(&mut xml, &format!("e{index}"), edge)?;
    }
    xml.write_event(Event::End(BytesEnd::new("graph")))?;
    xml.write_event(Event::End(BytesEnd::new("graphml")))?;
    xml.get_mut().write_all(b"\n")
}

fn write_node<W: Write>(xml: &mut Writer<W>, node: &NodeData) -> io::Result<()> {
    xml.write_event(Event::Start(element("node", &[("id", &node.iri)])))?;
    write_data(xml, "label", &node.label)?;
    write_data(xml, "name", &node.label)?;
    if let Some(class) = node.class {
        write_data(xml, "class", class.name())?;
    }
    write_data(xml, "aliases", &node.aliases.join("|"))?;
    write_data(xml, "iri", &node.iri)?;
    if let Some(date) = node.attributes.get("date") {
        write_data(xml, "date", date)?;
    }
    for key in ["killed", "injured"] {
        // An `int` key takes only 32-bit integers; anything else is left out
        // rather than written as a value readers would reject.
        if let Some(count) = node
            .attributes
            .get(key)
            .and_then(|v| v.trim().parse::<i32>().ok())
        {
            write_data(xml, key, &count.to_string())?;
        }
    }
    xml.write_event(Event::End(BytesEnd::new("node")))
}

fn write_edge<W: Write>(xml: &mut Writer<W>, id: &str, edge: &EdgeData) -> io::Result<()> {
    let start = element(
        "edge",
        &[
            ("id", id),
            ("source", &edge.source),
            ("target", &edge.target),
        ],
    );
    xml.write_event(Event::Start(start))?;
    write_data(xml, "edge_label", edge.predicate.name())?;
    write_data(xml, "interaction", edge.predicate.name())?;
    write_data(xml, "predicate", &edge.predicate.iri())?;
    let count = i32::try_from(edge.evidence.len()).unwrap_or(i32::MAX);
    write_data(xml, "evidence_count", &count.to_string())?;
    let sentence = EvidenceOut::first(&edge.evidence)
        .and_then(|e| e.sentence)
        .unwrap_or_default();
    write_data(xml, "evidence", &sentence)?;
    xml.write_event(Event::End(BytesEnd::new("edge")))
}

/// `<data key="{key}">{value}</data>` on one line, empty text included.
fn write_data<W: Write>(xml: &mut Writer<W>, key: &str, value: &str) -> io::Result<()> {
    xml.write_event(Event::Start(element("data", &[("key", key)])))?;
    xml.write_event(Event::Text(BytesText::from_escaped(escape(value, false))))?;
    xml.write_event(Event::End(BytesEnd::new("data")))
}

/// A start tag whose attribute values are escaped here, not by quick-xml,
/// so that forbidden characters are replaced and whitespace survives.
fn element<'a>(name: &'a str, attributes: &[(&'a str, &str)]) -> BytesStart<'a> {
    let mut start = BytesStart::new(name);
    for &(key, value) in attributes {
        let value = match escape(value, true) {
            Cow::Borrowed(v) => Cow::Owned(v.as_bytes().to_vec()),
            Cow::Owned(v) => Cow::Owned(v.into_bytes()),
        };
        start.push_attribute(Attribute {
            key: QName(key.as_bytes()),
            value,
        });
    }
    start
}

/// True for the characters XML 1.0 allows (`Char` production).
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes `value` for text (`in_attribute == false`) or a double-quoted
/// attribute value, replacing characters XML 1.0 forbids by U+FFFD.
fn escape(value: &str, in_attribute: bool) -> Cow<'_, str> {
    let needs_work =
        |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'' | '\t' | '\n' | '\r') || !is_xml_char(c);
    if !value.chars().any(needs_work) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 16);
    for c in value.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            // Literal CR would become LF (or vanish before LF) on parsing.
            '\r' => out.push_str("&#13;"),
            '"' if in_attribute => out.push_str("&quot;"),
            '\'' if in_attribute => out.push_str("&apos;"),
            '\t' if in_attribute => out.push_str("&#9;"),
            '\n' if in_attribute => out.push_str("&#10;"),
            c if !is_xml_char(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use quick_xml::Reader;
    use tkg_model::{Class, EvidenceRef, Predicate, iri};

    use super::*;

    fn node(kind: &str, slug: &str, label: &str, class: Option<Class>) -> NodeData {
        NodeData {
            iri: format!("{}{kind}/{slug}", iri::ENT),
            label: label.into(),
            class,
            aliases: vec![],
            attributes: BTreeMap::new(),
        }
    }

    fn sample() -> GraphData {
        let mut front = node(
            "group",
            "northern-front",
            "Northern Front",
            Some(Class::Group),
        );
        front.aliases = vec!["NF".into(), "Jabhat".into()];
        let brigade = node(
            "group",
            "southern-brigade",
            "Southern Brigade",
            Some(Class::Group),
        );
        let mut attack = node(
            "attack",
            "valley-town-bombing",
            "Valley Town bombing",
            Some(Class::Attack),
        );
        attack.attributes.insert("date".into(), "2021-08".into());
        attack.attributes.insert("killed".into(), "12".into());
        attack.attributes.insert("injured".into(), "lots".into());
        let evidence = |sentence: Option<&str>| EvidenceRef {
            document: "https://w3id.org/tkg/doc/report".into(),
            start: Some(3),
            sentence: sentence.map(Into::into),
            rule: None,
        };
        let edge = |s: &NodeData, p, t: &NodeData, sentence| EdgeData {
            source: s.iri.clone(),
            target: t.iri.clone(),
            predicate: p,
            evidence: vec![evidence(sentence)],
        };
        GraphData {
            edges: vec![
                edge(
                    &front,
                    Predicate::AlliedWith,
                    &brigade,
                    Some("They are allies."),
                ),
                edge(
                    &brigade,
                    Predicate::AlliedWith,
                    &front,
                    Some("They are allies."),
                ),
                edge(&attack, Predicate::Perpetrator, &front, None),
            ],
            nodes: vec![attack, brigade, front],
        }
    }

    fn to_string(data: &GraphData) -> String {
        let mut out = Vec::new();
        write_graphml(data, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    /// What a GraphML reader sees.
    #[derive(Debug, Default)]
    struct Parsed {
        keys: Vec<BTreeMap<String, String>>,
        nodes: Vec<(String, BTreeMap<String, String>)>,
        edges: Vec<(BTreeMap<String, String>, BTreeMap<String, String>)>,
        /// Element names in document order.
        order: Vec<String>,
    }

    fn attributes(e: &BytesStart<'_>) -> BTreeMap<String, String> {
        e.attributes()
            .map(|a| {
                let a = a.unwrap();
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.unescape_value().unwrap().into_owned(),
                )
            })
            .collect()
    }

    /// Parses with quick-xml, failing on any well-formedness error it detects.
    fn parse(xml: &str) -> Parsed {
        let mut reader = Reader::from_str(xml);
        reader.config_mut().check_end_names = true;
        let mut parsed = Parsed::default();
        let mut stack: Vec<String> = Vec::new();
        let mut data_key: Option<String> = None;
        let mut text = String::new();
        let mut roots = 0;
        loop {
            match reader.read_event().unwrap() {
                Event::Start(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    if stack.is_empty() {
                        roots += 1;
                    }
                    open(&mut parsed, &name, &e, &mut data_key, &mut text);
                    stack.push(name);
                }
                Event::Empty(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    open(&mut parsed, &name, &e, &mut data_key, &mut text);
                    close(&mut parsed, &name, &mut data_key, &mut text);
                }
                Event::End(e) => {
                    let name = String::from_utf8(e.name().as_ref().to_vec()).unwrap();
                    assert_eq!(stack.pop().as_deref(), Some(name.as_str()));
                    close(&mut parsed, &name, &mut data_key, &mut text);
                }
                Event::Text(t) => {
                    let t = t.xml10_content().unwrap();
                    assert!(
                        data_key.is_some() || t.trim().is_empty(),
                        "stray text {t:?}"
                    );
                    text.push_str(&t);
                }
                Event::GeneralRef(r) => {
                    let resolved = match r.resolve_char_ref().unwrap() {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&r.decode().unwrap())
                            .unwrap()
                            .to_owned(),
                    };
                    text.push_str(&resolved);
                }
                Event::Decl(_) => {}
                Event::Eof => break,
                other => panic!("unexpected {other:?}"),
            }
        }
        assert!(stack.is_empty());
        assert_eq!(roots, 1);
        parsed
    }

    fn open(
        parsed: &mut Parsed,
        name: &str,
        e: &BytesStart<'_>,
        data_key: &mut Option<String>,
        text: &mut String,
    ) {
        parsed.order.push(name.to_owned());
        let attrs = attributes(e);
        match name {
            "key" => parsed.keys.push(attrs),
            "node" => parsed.nodes.push((attrs["id"].clone(), BTreeMap::new())),
            "edge" => parsed.edges.push((attrs, BTreeMap::new())),
            "data" => {
                *data_key = Some(attrs["key"].clone());
                text.clear();
            }
            _ => {}
        }
    }

    fn close(parsed: &mut Parsed, name: &str, data_key: &mut Option<String>, text: &mut String) {
        if name == "data" {
            let key = data_key.take().unwrap();
            let value = std::mem::take(text);
            let target = match parsed
                .order
                .iter()
                .rev()
                .find(|n| *n == "node" || *n == "edge")
                .map(String::as_str)
            {
                Some("node") => &mut parsed.nodes.last_mut().unwrap().1,
                _ => &mut parsed.edges.last_mut().unwrap().1,
            };
            assert!(target.insert(key, value).is_none(), "duplicate data key");
        }
    }

    #[test]
    fn output_parses_back_with_keys_first_and_nodes_before_edges() {
        let xml = to_string(&sample());
        assert!(xml.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">"));
        let parsed = parse(&xml);
        assert_eq!(parsed.keys.len(), KEYS.len());
        assert_eq!(parsed.nodes.len(), 3);
        assert_eq!(parsed.edges.len(), 3, "symmetric triples stay two edges");
        let first_graph = parsed.order.iter().position(|n| n == "graph").unwrap();
        let last_key = parsed.order.iter().rposition(|n| n == "key").unwrap();
        assert!(last_key < first_graph);
        let last_node = parsed.order.iter().rposition(|n| n == "node").unwrap();
        let first_edge = parsed.order.iter().position(|n| n == "edge").unwrap();
        assert!(last_node < first_edge);
        let ids: BTreeMap<_, _> = parsed
            .keys
            .iter()
            .map(|k| (k["id"].clone(), k["for"].clone()))
            .collect();
        assert_eq!(ids.len(), KEYS.len(), "key ids are unique");
        assert!(xml.contains(r#"<graph id="tkg" edgedefault="directed">"#));
    }

    #[test]
    fn nodes_and_edges_carry_typed_attributes() {
        let parsed = parse(&to_string(&sample()));
        let types: BTreeMap<_, _> = parsed
            .keys
            .iter()
            .map(|k| (k["id"].as_str(), k["attr.type"].as_str()))
            .collect();
        assert_eq!(types["killed"], "int");
        assert_eq!(types["evidence_count"], "int");
        assert_eq!(types["label"], "string");
        let (id, attack) = &parsed.nodes[0];
        assert_eq!(id, &format!("{}attack/valley-town-bombing", iri::ENT));
        assert_eq!(attack["class"], "Attack");
        assert_eq!(attack["date"], "2021-08");
        assert_eq!(attack["killed"], "12");
        assert!(
            !attack.contains_key("injured"),
            "a non-integer count is left out"
        );
        let (_, front) = &parsed.nodes[1];
        assert_eq!(
            (front["label"].as_str(), front["name"].as_str()),
            ("Northern Front", "Northern Front")
        );
        assert_eq!(front["aliases"], "Jabhat|NF");
        assert!(!front.contains_key("date"));
        let (ends, edge) = &parsed.edges[0];
        assert_eq!(ends["id"], "e0");
        assert_eq!(ends["source"], parsed.nodes[0].0);
        assert_eq!(edge["edge_label"], "perpetrator");
        assert_eq!(edge["interaction"], "perpetrator");
        assert_eq!(edge["predicate"], Predicate::Perpetrator.iri());
        assert_eq!(edge["evidence_count"], "1");
        assert_eq!(edge["evidence"], "");
        assert_eq!(parsed.edges[1].1["evidence"], "They are allies.");
    }

    #[test]
    fn forbidden_characters_are_replaced_and_hostile_strings_escaped() {
        let mut data = sample();
        let hostile = "<b>\"Tom's\" & ]]> <![CDATA[x]]> \u{1}\u{8}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}\ttab\nline\r\nend";
        let new_iri = format!("{}group/a\"b<c>&d'\u{0}e\nf", iri::ENT);
        let old_iri = std::mem::replace(&mut data.nodes[2].iri, new_iri.clone());
        data.nodes[2].label = hostile.into();
        for edge in &mut data.edges {
            for end in [&mut edge.source, &mut edge.target] {
                if *end == old_iri {
                    end.clone_from(&new_iri);
                }
            }
        }
        data.edges[0].evidence[0].sentence = Some(hostile.into());
        let xml = to_string(&data);
        for b in xml.bytes() {
            assert!(
                b >= 0x20 || b == b'\n' || b == b'\t',
                "raw control byte {b:#x}"
            );
        }
        for bad in [
            "&#1;",
            "&#x1;",
            "&#0;",
            "\u{fffe}",
            "\u{ffff}",
            "]]>",
            "<b>",
            "<![CDATA[",
        ] {
            assert!(!xml.contains(bad), "{bad:?} in output");
        }
        let parsed = parse(&xml);
        let expected = "<b>\"Tom's\" & ]]> <![CDATA[x]]> \u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{fffd}\ttab\nline\r\nend";
        let (id, hostile_node) = parsed
            .nodes
            .iter()
            .find(|(_, d)| d["label"].starts_with("<b>"))
            .unwrap();
        assert_eq!(hostile_node["label"], expected);
        assert_eq!(
            id,
            &format!("{}group/a\"b<c>&d'\u{fffd}e\nf", iri::ENT),
            "attribute whitespace survives"
        );
        assert_eq!(&hostile_node["iri"], id);
        let referencing = parsed
            .edges
            .iter()
            .filter(|(ends, _)| &ends["source"] == id || &ends["target"] == id)
            .count();
        assert_eq!(referencing, 3);
        assert!(parsed.edges.iter().any(|(_, d)| d["evidence"] == expected));
    }

    #[test]
    fn output_is_byte_identical_whatever_the_input_order() {
        let data = sample();
        let mut shuffled = data.clone();
        shuffled.nodes.reverse();
        shuffled.edges.reverse();
        let first = to_string(&data);
        assert_eq!(first, to_string(&data));
        assert_eq!(first, to_string(&shuffled));
        let mut via_view = Vec::new();
        crate::GraphView::new(shuffled)
            .write_graphml(&mut via_view)
            .unwrap();
        assert_eq!(first.as_bytes(), via_view);
    }

    #[test]
    fn empty_graph_is_a_valid_document() {
        let parsed = parse(&to_string(&GraphData::default()));
        assert_eq!(parsed.keys.len(), KEYS.len());
        assert!(parsed.nodes.is_empty() && parsed.edges.is_empty());
    }

    #[test]
    fn dangling_edges_get_their_nodes() {
        let data = GraphData {
            nodes: vec![],
            edges: vec![EdgeData {
                source: "urn:a".into(),
                target: "urn:b".into(),
                predicate: Predicate::RivalOf,
                evidence: vec![],
            }],
        };
        let parsed = parse(&to_string(&data));
        assert_eq!(parsed.nodes.len(), 2);
        assert_eq!(parsed.edges[0].1["evidence_count"], "0");
    }
}

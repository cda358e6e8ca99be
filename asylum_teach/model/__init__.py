"""Facts and clients: one vocabulary, validated models, and a supply of HYPOTHETICAL clients.

Never enter real client data anywhere in this package.

- :mod:`.glossary`: every fact name, once (``FACTS``, ``coerce_fact``, ``parse_date``).
- :mod:`.facts`: ``Facts``, an immutable typed mapping of glossary facts; ``as_facts``.
- :mod:`.validation`: ``check_facts(facts, as_of)``, cross-field checks that name the field.
- :mod:`.client`: ``Client`` (frozen; ``from_dict``/``to_json``/``from_yaml``...), ``HYPOTHETICAL_NOTICE``.
- :mod:`.case_file`: ``read_case_file(path)`` for the CLI and notebooks.
- :mod:`.generator`: ``generate_client(seed, as_of, *, scenario, difficulty, country)``.
- :mod:`.scenarios`, :mod:`.countries`, :mod:`.narrative`, :mod:`.family`: what the generator draws on.
- :mod:`.personas`: ``persona_ids()``, ``load_persona(id)``, ``load_personas()``.
- :mod:`.case_record`: ``case_record(client, seed)`` and ``credibility_lab_record(student_id, as_of)``, a
  client's case file (I-589 answers, declaration, interview notes, an invented country excerpt, evidence)
  with five planted discrepancies and the record of each; :mod:`.declaration` writes the documents' words.
"""

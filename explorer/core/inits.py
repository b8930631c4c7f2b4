"""The `__init__` of each class made with explorer.core.model.record, as `dataclass` would compile it
(explorer.core.model._init_source): {the text dataclass executes: the function it defines}.
Written by `python -m explorer.core.shipinits`; do not edit."""

# fmt: off
# ruff: noqa

MADE = {}

def __create_fn__(_type_anchor, _type_error, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_anchor, _dflt_error, _return_type):
 def __init__(self,anchor:_type_anchor=_dflt_anchor,error:_type_error=_dflt_error)->_return_type:
  self.anchor=anchor
  self.error=error
 return __init__
MADE['def __create_fn__(_type_anchor, _type_error, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_anchor, _dflt_error, _return_type):\n def __init__(self,anchor:_type_anchor=_dflt_anchor,error:_type_error=_dflt_error)->_return_type:\n  self.anchor=anchor\n  self.error=error\n return __init__'] = __create_fn__

def __create_fn__(_type_entity, _type_relation, _type_view, _type_source, _type_offset, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_entity, _dflt_relation, _dflt_view, _dflt_source, _dflt_offset, _return_type):
 def __init__(self,entity:_type_entity=_dflt_entity,relation:_type_relation=_dflt_relation,view:_type_view=_dflt_view,source:_type_source=_dflt_source,offset:_type_offset=_dflt_offset)->_return_type:
  __dataclass_builtins_object__.__setattr__(self,'entity',entity)
  __dataclass_builtins_object__.__setattr__(self,'relation',relation)
  __dataclass_builtins_object__.__setattr__(self,'view',view)
  __dataclass_builtins_object__.__setattr__(self,'source',source)
  __dataclass_builtins_object__.__setattr__(self,'offset',offset)
 return __init__
MADE["def __create_fn__(_type_entity, _type_relation, _type_view, _type_source, _type_offset, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_entity, _dflt_relation, _dflt_view, _dflt_source, _dflt_offset, _return_type):\n def __init__(self,entity:_type_entity=_dflt_entity,relation:_type_relation=_dflt_relation,view:_type_view=_dflt_view,source:_type_source=_dflt_source,offset:_type_offset=_dflt_offset)->_return_type:\n  __dataclass_builtins_object__.__setattr__(self,'entity',entity)\n  __dataclass_builtins_object__.__setattr__(self,'relation',relation)\n  __dataclass_builtins_object__.__setattr__(self,'view',view)\n  __dataclass_builtins_object__.__setattr__(self,'source',source)\n  __dataclass_builtins_object__.__setattr__(self,'offset',offset)\n return __init__"] = __create_fn__

def __create_fn__(_type_file, _type_line, _type_column, _type_severity, _type_message, _type_card, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_card, _return_type):
 def __init__(self,file:_type_file,line:_type_line,column:_type_column,severity:_type_severity,message:_type_message,card:_type_card=_dflt_card)->_return_type:
  self.file=file
  self.line=line
  self.column=column
  self.severity=severity
  self.message=message
  self.card=card
 return __init__
MADE['def __create_fn__(_type_file, _type_line, _type_column, _type_severity, _type_message, _type_card, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_card, _return_type):\n def __init__(self,file:_type_file,line:_type_line,column:_type_column,severity:_type_severity,message:_type_message,card:_type_card=_dflt_card)->_return_type:\n  self.file=file\n  self.line=line\n  self.column=column\n  self.severity=severity\n  self.message=message\n  self.card=card\n return __init__'] = __create_fn__

def __create_fn__(_type_id, _type_file, _type_evidence, _type_line, _type_source, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_evidence, _dflt_line, _dflt_source, _return_type):
 def __init__(self,id:_type_id,file:_type_file,evidence:_type_evidence=_HAS_DEFAULT_FACTORY,line:_type_line=_dflt_line,source:_type_source=_dflt_source)->_return_type:
  self.id=id
  self.file=file
  self.evidence=_dflt_evidence() if evidence is _HAS_DEFAULT_FACTORY else evidence
  self.line=line
  self.source=source
 return __init__
MADE['def __create_fn__(_type_id, _type_file, _type_evidence, _type_line, _type_source, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_evidence, _dflt_line, _dflt_source, _return_type):\n def __init__(self,id:_type_id,file:_type_file,evidence:_type_evidence=_HAS_DEFAULT_FACTORY,line:_type_line=_dflt_line,source:_type_source=_dflt_source)->_return_type:\n  self.id=id\n  self.file=file\n  self.evidence=_dflt_evidence() if evidence is _HAS_DEFAULT_FACTORY else evidence\n  self.line=line\n  self.source=source\n return __init__'] = __create_fn__

def __create_fn__(_type_id, _type_file, _type_evidence, _type_line, _type_source, _type_name, _type_type, _type_aliases, _type_description, _type_same_as, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_evidence, _dflt_line, _dflt_source, _dflt_name, _dflt_type, _dflt_aliases, _dflt_description, _dflt_same_as, _return_type):
 def __init__(self,id:_type_id,file:_type_file,evidence:_type_evidence=_HAS_DEFAULT_FACTORY,line:_type_line=_dflt_line,source:_type_source=_dflt_source,name:_type_name=_dflt_name,type:_type_type=_dflt_type,aliases:_type_aliases=_HAS_DEFAULT_FACTORY,description:_type_description=_dflt_description,same_as:_type_same_as=_dflt_same_as)->_return_type:
  self.id=id
  self.file=file
  self.evidence=_dflt_evidence() if evidence is _HAS_DEFAULT_FACTORY else evidence
  self.line=line
  self.source=source
  self.name=name
  self.type=type
  self.aliases=_dflt_aliases() if aliases is _HAS_DEFAULT_FACTORY else aliases
  self.description=description
  self.same_as=same_as
 return __init__
MADE['def __create_fn__(_type_id, _type_file, _type_evidence, _type_line, _type_source, _type_name, _type_type, _type_aliases, _type_description, _type_same_as, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_evidence, _dflt_line, _dflt_source, _dflt_name, _dflt_type, _dflt_aliases, _dflt_description, _dflt_same_as, _return_type):\n def __init__(self,id:_type_id,file:_type_file,evidence:_type_evidence=_HAS_DEFAULT_FACTORY,line:_type_line=_dflt_line,source:_type_source=_dflt_source,name:_type_name=_dflt_name,type:_type_type=_dflt_type,aliases:_type_aliases=_HAS_DEFAULT_FACTORY,description:_type_description=_dflt_description,same_as:_type_same_as=_dflt_same_as)->_return_type:\n  self.id=id\n  self.file=file\n  self.evidence=_dflt_evidence() if evidence is _HAS_DEFAULT_FACTORY else evidence\n  self.line=line\n  self.source=source\n  self.name=name\n  self.type=type\n  self.aliases=_dflt_aliases() if aliases is _HAS_DEFAULT_FACTORY else aliases\n  self.description=description\n  self.same_as=same_as\n return __init__'] = __create_fn__

def __create_fn__(_type_id, _type_file, _type_evidence, _type_line, _type_source, _type_subject, _type_predicate, _type_object, _type_qualifiers, _type_certainty, _type_attribution, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_evidence, _dflt_line, _dflt_source, _dflt_subject, _dflt_predicate, _dflt_object, _dflt_qualifiers, _dflt_certainty, _dflt_attribution, _return_type):
 def __init__(self,id:_type_id,file:_type_file,evidence:_type_evidence=_HAS_DEFAULT_FACTORY,line:_type_line=_dflt_line,source:_type_source=_dflt_source,subject:_type_subject=_dflt_subject,predicate:_type_predicate=_dflt_predicate,object:_type_object=_dflt_object,qualifiers:_type_qualifiers=_HAS_DEFAULT_FACTORY,certainty:_type_certainty=_dflt_certainty,attribution:_type_attribution=_dflt_attribution)->_return_type:
  self.id=id
  self.file=file
  self.evidence=_dflt_evidence() if evidence is _HAS_DEFAULT_FACTORY else evidence
  self.line=line
  self.source=source
  self.subject=subject
  self.predicate=predicate
  self.object=object
  self.qualifiers=_dflt_qualifiers() if qualifiers is _HAS_DEFAULT_FACTORY else qualifiers
  self.certainty=certainty
  self.attribution=attribution
 return __init__
MADE['def __create_fn__(_type_id, _type_file, _type_evidence, _type_line, _type_source, _type_subject, _type_predicate, _type_object, _type_qualifiers, _type_certainty, _type_attribution, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_evidence, _dflt_line, _dflt_source, _dflt_subject, _dflt_predicate, _dflt_object, _dflt_qualifiers, _dflt_certainty, _dflt_attribution, _return_type):\n def __init__(self,id:_type_id,file:_type_file,evidence:_type_evidence=_HAS_DEFAULT_FACTORY,line:_type_line=_dflt_line,source:_type_source=_dflt_source,subject:_type_subject=_dflt_subject,predicate:_type_predicate=_dflt_predicate,object:_type_object=_dflt_object,qualifiers:_type_qualifiers=_HAS_DEFAULT_FACTORY,certainty:_type_certainty=_dflt_certainty,attribution:_type_attribution=_dflt_attribution)->_return_type:\n  self.id=id\n  self.file=file\n  self.evidence=_dflt_evidence() if evidence is _HAS_DEFAULT_FACTORY else evidence\n  self.line=line\n  self.source=source\n  self.subject=subject\n  self.predicate=predicate\n  self.object=object\n  self.qualifiers=_dflt_qualifiers() if qualifiers is _HAS_DEFAULT_FACTORY else qualifiers\n  self.certainty=certainty\n  self.attribution=attribution\n return __init__'] = __create_fn__

def __create_fn__(_type_id, _type_path, _type_text, _type_sha256, _type_title, _type_meta, _type_sidecar, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_title, _dflt_meta, _dflt_sidecar, _return_type):
 def __init__(self,id:_type_id,path:_type_path,text:_type_text,sha256:_type_sha256,title:_type_title=_dflt_title,meta:_type_meta=_HAS_DEFAULT_FACTORY,sidecar:_type_sidecar=_dflt_sidecar)->_return_type:
  self.id=id
  self.path=path
  self.text=text
  self.sha256=sha256
  self.title=title
  self.meta=_dflt_meta() if meta is _HAS_DEFAULT_FACTORY else meta
  self.sidecar=sidecar
 return __init__
MADE['def __create_fn__(_type_id, _type_path, _type_text, _type_sha256, _type_title, _type_meta, _type_sidecar, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_title, _dflt_meta, _dflt_sidecar, _return_type):\n def __init__(self,id:_type_id,path:_type_path,text:_type_text,sha256:_type_sha256,title:_type_title=_dflt_title,meta:_type_meta=_HAS_DEFAULT_FACTORY,sidecar:_type_sidecar=_dflt_sidecar)->_return_type:\n  self.id=id\n  self.path=path\n  self.text=text\n  self.sha256=sha256\n  self.title=title\n  self.meta=_dflt_meta() if meta is _HAS_DEFAULT_FACTORY else meta\n  self.sidecar=sidecar\n return __init__'] = __create_fn__

def __create_fn__(_type_name, _type_type, _type_required, _type_help, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_required, _dflt_help, _return_type):
 def __init__(self,name:_type_name,type:_type_type,required:_type_required=_dflt_required,help:_type_help=_dflt_help)->_return_type:
  __dataclass_builtins_object__.__setattr__(self,'name',name)
  __dataclass_builtins_object__.__setattr__(self,'type',type)
  __dataclass_builtins_object__.__setattr__(self,'required',required)
  __dataclass_builtins_object__.__setattr__(self,'help',help)
 return __init__
MADE["def __create_fn__(_type_name, _type_type, _type_required, _type_help, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_required, _dflt_help, _return_type):\n def __init__(self,name:_type_name,type:_type_type,required:_type_required=_dflt_required,help:_type_help=_dflt_help)->_return_type:\n  __dataclass_builtins_object__.__setattr__(self,'name',name)\n  __dataclass_builtins_object__.__setattr__(self,'type',type)\n  __dataclass_builtins_object__.__setattr__(self,'required',required)\n  __dataclass_builtins_object__.__setattr__(self,'help',help)\n return __init__"] = __create_fn__

def __create_fn__(_type_problems, _type_stamps, _type_folders, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_folders, _return_type):
 def __init__(self,problems:_type_problems,stamps:_type_stamps,folders:_type_folders=_HAS_DEFAULT_FACTORY)->_return_type:
  self.problems=problems
  self.stamps=stamps
  self.folders=_dflt_folders() if folders is _HAS_DEFAULT_FACTORY else folders
 return __init__
MADE['def __create_fn__(_type_problems, _type_stamps, _type_folders, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_folders, _return_type):\n def __init__(self,problems:_type_problems,stamps:_type_stamps,folders:_type_folders=_HAS_DEFAULT_FACTORY)->_return_type:\n  self.problems=problems\n  self.stamps=stamps\n  self.folders=_dflt_folders() if folders is _HAS_DEFAULT_FACTORY else folders\n return __init__'] = __create_fn__

def __create_fn__(_type_quote, _type_source, _type_resolved, _type_also_in, _type_note, _type_prefix, _type_suffix, _type_occurrence, _type_path, _type_anchor, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_source, _dflt_resolved, _dflt_also_in, _dflt_note, _dflt_prefix, _dflt_suffix, _dflt_occurrence, _dflt_path, _dflt_anchor, _return_type):
 def __init__(self,quote:_type_quote,source:_type_source=_dflt_source,resolved:_type_resolved=_dflt_resolved,also_in:_type_also_in=_dflt_also_in,note:_type_note=_dflt_note,prefix:_type_prefix=_dflt_prefix,suffix:_type_suffix=_dflt_suffix,occurrence:_type_occurrence=_dflt_occurrence,path:_type_path=_dflt_path,anchor:_type_anchor=_dflt_anchor)->_return_type:
  self.quote=quote
  self.source=source
  self.resolved=resolved
  self.also_in=also_in
  self.note=note
  self.prefix=prefix
  self.suffix=suffix
  self.occurrence=occurrence
  self.path=path
  self.anchor=anchor
 return __init__
MADE['def __create_fn__(_type_quote, _type_source, _type_resolved, _type_also_in, _type_note, _type_prefix, _type_suffix, _type_occurrence, _type_path, _type_anchor, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_source, _dflt_resolved, _dflt_also_in, _dflt_note, _dflt_prefix, _dflt_suffix, _dflt_occurrence, _dflt_path, _dflt_anchor, _return_type):\n def __init__(self,quote:_type_quote,source:_type_source=_dflt_source,resolved:_type_resolved=_dflt_resolved,also_in:_type_also_in=_dflt_also_in,note:_type_note=_dflt_note,prefix:_type_prefix=_dflt_prefix,suffix:_type_suffix=_dflt_suffix,occurrence:_type_occurrence=_dflt_occurrence,path:_type_path=_dflt_path,anchor:_type_anchor=_dflt_anchor)->_return_type:\n  self.quote=quote\n  self.source=source\n  self.resolved=resolved\n  self.also_in=also_in\n  self.note=note\n  self.prefix=prefix\n  self.suffix=suffix\n  self.occurrence=occurrence\n  self.path=path\n  self.anchor=anchor\n return __init__'] = __create_fn__

def __create_fn__(_type_root, _type_sources, _type_entities, _type_relations, _type_problems, _type_card_files, _type_flawed, _type_by_entity, _type__by_entity, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_sources, _dflt_entities, _dflt_relations, _dflt_problems, _dflt_card_files, _dflt_flawed, _dflt_by_entity, _return_type):
 def __init__(self,root:_type_root,sources:_type_sources=_HAS_DEFAULT_FACTORY,entities:_type_entities=_HAS_DEFAULT_FACTORY,relations:_type_relations=_HAS_DEFAULT_FACTORY,problems:_type_problems=_HAS_DEFAULT_FACTORY,card_files:_type_card_files=_HAS_DEFAULT_FACTORY,flawed:_type_flawed=_HAS_DEFAULT_FACTORY,by_entity:_type_by_entity=_dflt_by_entity)->_return_type:
  self.root=root
  self.sources=_dflt_sources() if sources is _HAS_DEFAULT_FACTORY else sources
  self.entities=_dflt_entities() if entities is _HAS_DEFAULT_FACTORY else entities
  self.relations=_dflt_relations() if relations is _HAS_DEFAULT_FACTORY else relations
  self.problems=_dflt_problems() if problems is _HAS_DEFAULT_FACTORY else problems
  self.card_files=_dflt_card_files() if card_files is _HAS_DEFAULT_FACTORY else card_files
  self.flawed=_dflt_flawed() if flawed is _HAS_DEFAULT_FACTORY else flawed
  self.__post_init__(by_entity)
 return __init__
MADE['def __create_fn__(_type_root, _type_sources, _type_entities, _type_relations, _type_problems, _type_card_files, _type_flawed, _type_by_entity, _type__by_entity, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_sources, _dflt_entities, _dflt_relations, _dflt_problems, _dflt_card_files, _dflt_flawed, _dflt_by_entity, _return_type):\n def __init__(self,root:_type_root,sources:_type_sources=_HAS_DEFAULT_FACTORY,entities:_type_entities=_HAS_DEFAULT_FACTORY,relations:_type_relations=_HAS_DEFAULT_FACTORY,problems:_type_problems=_HAS_DEFAULT_FACTORY,card_files:_type_card_files=_HAS_DEFAULT_FACTORY,flawed:_type_flawed=_HAS_DEFAULT_FACTORY,by_entity:_type_by_entity=_dflt_by_entity)->_return_type:\n  self.root=root\n  self.sources=_dflt_sources() if sources is _HAS_DEFAULT_FACTORY else sources\n  self.entities=_dflt_entities() if entities is _HAS_DEFAULT_FACTORY else entities\n  self.relations=_dflt_relations() if relations is _HAS_DEFAULT_FACTORY else relations\n  self.problems=_dflt_problems() if problems is _HAS_DEFAULT_FACTORY else problems\n  self.card_files=_dflt_card_files() if card_files is _HAS_DEFAULT_FACTORY else card_files\n  self.flawed=_dflt_flawed() if flawed is _HAS_DEFAULT_FACTORY else flawed\n  self.__post_init__(by_entity)\n return __init__'] = __create_fn__

def __create_fn__(_type_sources, _type_problems, _type_missing, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_sources, _dflt_problems, _dflt_missing, _return_type):
 def __init__(self,sources:_type_sources=_HAS_DEFAULT_FACTORY,problems:_type_problems=_HAS_DEFAULT_FACTORY,missing:_type_missing=_dflt_missing)->_return_type:
  self.sources=_dflt_sources() if sources is _HAS_DEFAULT_FACTORY else sources
  self.problems=_dflt_problems() if problems is _HAS_DEFAULT_FACTORY else problems
  self.missing=missing
 return __init__
MADE['def __create_fn__(_type_sources, _type_problems, _type_missing, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_sources, _dflt_problems, _dflt_missing, _return_type):\n def __init__(self,sources:_type_sources=_HAS_DEFAULT_FACTORY,problems:_type_problems=_HAS_DEFAULT_FACTORY,missing:_type_missing=_dflt_missing)->_return_type:\n  self.sources=_dflt_sources() if sources is _HAS_DEFAULT_FACTORY else sources\n  self.problems=_dflt_problems() if problems is _HAS_DEFAULT_FACTORY else problems\n  self.missing=missing\n return __init__'] = __create_fn__

def __create_fn__(_type_sources_key, _type_results, _type_checks, _type_entity_cards, _type_same_things, _type_base, _type_overlap, _type_paths, _type_stamps, _type_derived, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_results, _dflt_checks, _dflt_entity_cards, _dflt_same_things, _dflt_base, _dflt_overlap, _dflt_paths, _dflt_stamps, _dflt_derived, _return_type):
 def __init__(self,sources_key:_type_sources_key,results:_type_results=_HAS_DEFAULT_FACTORY,checks:_type_checks=_HAS_DEFAULT_FACTORY,entity_cards:_type_entity_cards=_HAS_DEFAULT_FACTORY,same_things:_type_same_things=_dflt_same_things,base:_type_base=_dflt_base,overlap:_type_overlap=_HAS_DEFAULT_FACTORY,paths:_type_paths=_HAS_DEFAULT_FACTORY,stamps:_type_stamps=_HAS_DEFAULT_FACTORY,derived:_type_derived=_dflt_derived)->_return_type:
  self.sources_key=sources_key
  self.results=_dflt_results() if results is _HAS_DEFAULT_FACTORY else results
  self.checks=_dflt_checks() if checks is _HAS_DEFAULT_FACTORY else checks
  self.entity_cards=_dflt_entity_cards() if entity_cards is _HAS_DEFAULT_FACTORY else entity_cards
  self.same_things=same_things
  self.base=base
  self.overlap=_dflt_overlap() if overlap is _HAS_DEFAULT_FACTORY else overlap
  self.paths=_dflt_paths() if paths is _HAS_DEFAULT_FACTORY else paths
  self.stamps=_dflt_stamps() if stamps is _HAS_DEFAULT_FACTORY else stamps
  self.derived=derived
 return __init__
MADE['def __create_fn__(_type_sources_key, _type_results, _type_checks, _type_entity_cards, _type_same_things, _type_base, _type_overlap, _type_paths, _type_stamps, _type_derived, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_results, _dflt_checks, _dflt_entity_cards, _dflt_same_things, _dflt_base, _dflt_overlap, _dflt_paths, _dflt_stamps, _dflt_derived, _return_type):\n def __init__(self,sources_key:_type_sources_key,results:_type_results=_HAS_DEFAULT_FACTORY,checks:_type_checks=_HAS_DEFAULT_FACTORY,entity_cards:_type_entity_cards=_HAS_DEFAULT_FACTORY,same_things:_type_same_things=_dflt_same_things,base:_type_base=_dflt_base,overlap:_type_overlap=_HAS_DEFAULT_FACTORY,paths:_type_paths=_HAS_DEFAULT_FACTORY,stamps:_type_stamps=_HAS_DEFAULT_FACTORY,derived:_type_derived=_dflt_derived)->_return_type:\n  self.sources_key=sources_key\n  self.results=_dflt_results() if results is _HAS_DEFAULT_FACTORY else results\n  self.checks=_dflt_checks() if checks is _HAS_DEFAULT_FACTORY else checks\n  self.entity_cards=_dflt_entity_cards() if entity_cards is _HAS_DEFAULT_FACTORY else entity_cards\n  self.same_things=same_things\n  self.base=base\n  self.overlap=_dflt_overlap() if overlap is _HAS_DEFAULT_FACTORY else overlap\n  self.paths=_dflt_paths() if paths is _HAS_DEFAULT_FACTORY else paths\n  self.stamps=_dflt_stamps() if stamps is _HAS_DEFAULT_FACTORY else stamps\n  self.derived=derived\n return __init__'] = __create_fn__

def __create_fn__(_type_stamp, _type_doc, _type_checked, _type_sources_key, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_checked, _dflt_sources_key, _return_type):
 def __init__(self,stamp:_type_stamp,doc:_type_doc,checked:_type_checked=_dflt_checked,sources_key:_type_sources_key=_dflt_sources_key)->_return_type:
  self.stamp=stamp
  self.doc=doc
  self.checked=checked
  self.sources_key=sources_key
 return __init__
MADE['def __create_fn__(_type_stamp, _type_doc, _type_checked, _type_sources_key, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_checked, _dflt_sources_key, _return_type):\n def __init__(self,stamp:_type_stamp,doc:_type_doc,checked:_type_checked=_dflt_checked,sources_key:_type_sources_key=_dflt_sources_key)->_return_type:\n  self.stamp=stamp\n  self.doc=doc\n  self.checked=checked\n  self.sources_key=sources_key\n return __init__'] = __create_fn__

def __create_fn__(_type_stamps, _type_id_files, _type_own, _type_dups, _type_broken, _type_duplicated, _type_entity_ids, _type_good_entities, _type_naming, _type_guessed, _type_special, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_special, _return_type):
 def __init__(self,stamps:_type_stamps,id_files:_type_id_files,own:_type_own,dups:_type_dups,broken:_type_broken,duplicated:_type_duplicated,entity_ids:_type_entity_ids,good_entities:_type_good_entities,naming:_type_naming,guessed:_type_guessed,special:_type_special=_HAS_DEFAULT_FACTORY)->_return_type:
  self.stamps=stamps
  self.id_files=id_files
  self.own=own
  self.dups=dups
  self.broken=broken
  self.duplicated=duplicated
  self.entity_ids=entity_ids
  self.good_entities=good_entities
  self.naming=naming
  self.guessed=guessed
  self.special=_dflt_special() if special is _HAS_DEFAULT_FACTORY else special
 return __init__
MADE['def __create_fn__(_type_stamps, _type_id_files, _type_own, _type_dups, _type_broken, _type_duplicated, _type_entity_ids, _type_good_entities, _type_naming, _type_guessed, _type_special, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_special, _return_type):\n def __init__(self,stamps:_type_stamps,id_files:_type_id_files,own:_type_own,dups:_type_dups,broken:_type_broken,duplicated:_type_duplicated,entity_ids:_type_entity_ids,good_entities:_type_good_entities,naming:_type_naming,guessed:_type_guessed,special:_type_special=_HAS_DEFAULT_FACTORY)->_return_type:\n  self.stamps=stamps\n  self.id_files=id_files\n  self.own=own\n  self.dups=dups\n  self.broken=broken\n  self.duplicated=duplicated\n  self.entity_ids=entity_ids\n  self.good_entities=good_entities\n  self.naming=naming\n  self.guessed=guessed\n  self.special=_dflt_special() if special is _HAS_DEFAULT_FACTORY else special\n return __init__'] = __create_fn__

def __create_fn__(_type_theme, _type_editor, _type_live_reload, _type_keys, _type_path, _type_problems, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_theme, _dflt_editor, _dflt_live_reload, _dflt_keys, _dflt_path, _dflt_problems, _return_type):
 def __init__(self,theme:_type_theme=_dflt_theme,editor:_type_editor=_dflt_editor,live_reload:_type_live_reload=_dflt_live_reload,keys:_type_keys=_HAS_DEFAULT_FACTORY,path:_type_path=_dflt_path,problems:_type_problems=_HAS_DEFAULT_FACTORY)->_return_type:
  self.theme=theme
  self.editor=editor
  self.live_reload=live_reload
  self.keys=_dflt_keys() if keys is _HAS_DEFAULT_FACTORY else keys
  self.path=path
  self.problems=_dflt_problems() if problems is _HAS_DEFAULT_FACTORY else problems
 return __init__
MADE['def __create_fn__(_type_theme, _type_editor, _type_live_reload, _type_keys, _type_path, _type_problems, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_theme, _dflt_editor, _dflt_live_reload, _dflt_keys, _dflt_path, _dflt_problems, _return_type):\n def __init__(self,theme:_type_theme=_dflt_theme,editor:_type_editor=_dflt_editor,live_reload:_type_live_reload=_dflt_live_reload,keys:_type_keys=_HAS_DEFAULT_FACTORY,path:_type_path=_dflt_path,problems:_type_problems=_HAS_DEFAULT_FACTORY)->_return_type:\n  self.theme=theme\n  self.editor=editor\n  self.live_reload=live_reload\n  self.keys=_dflt_keys() if keys is _HAS_DEFAULT_FACTORY else keys\n  self.path=path\n  self.problems=_dflt_problems() if problems is _HAS_DEFAULT_FACTORY else problems\n return __init__'] = __create_fn__

def __create_fn__(_type_title, _type_url, _type_outlet, _type_authors, _type_published, _type_retrieved, _type_language, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_title, _dflt_url, _dflt_outlet, _dflt_authors, _dflt_published, _dflt_retrieved, _dflt_language, _return_type):
 def __init__(self,title:_type_title=_dflt_title,url:_type_url=_dflt_url,outlet:_type_outlet=_dflt_outlet,authors:_type_authors=_HAS_DEFAULT_FACTORY,published:_type_published=_dflt_published,retrieved:_type_retrieved=_dflt_retrieved,language:_type_language=_dflt_language)->_return_type:
  self.title=title
  self.url=url
  self.outlet=outlet
  self.authors=_dflt_authors() if authors is _HAS_DEFAULT_FACTORY else authors
  self.published=published
  self.retrieved=retrieved
  self.language=language
 return __init__
MADE['def __create_fn__(_type_title, _type_url, _type_outlet, _type_authors, _type_published, _type_retrieved, _type_language, MISSING, _HAS_DEFAULT_FACTORY, __dataclass_builtins_object__, _dflt_title, _dflt_url, _dflt_outlet, _dflt_authors, _dflt_published, _dflt_retrieved, _dflt_language, _return_type):\n def __init__(self,title:_type_title=_dflt_title,url:_type_url=_dflt_url,outlet:_type_outlet=_dflt_outlet,authors:_type_authors=_HAS_DEFAULT_FACTORY,published:_type_published=_dflt_published,retrieved:_type_retrieved=_dflt_retrieved,language:_type_language=_dflt_language)->_return_type:\n  self.title=title\n  self.url=url\n  self.outlet=outlet\n  self.authors=_dflt_authors() if authors is _HAS_DEFAULT_FACTORY else authors\n  self.published=published\n  self.retrieved=retrieved\n  self.language=language\n return __init__'] = __create_fn__
